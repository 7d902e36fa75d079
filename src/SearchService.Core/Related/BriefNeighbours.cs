namespace SearchService.Core.Related;

/// <summary>
/// A brief's neighbourhood statistics: its nearest briefs by vector and by word TF-IDF (either null when the
/// index holds no vectors, or there is no text model). Computed from the brief's own candidates, never from all pairs.
/// </summary>
internal sealed record BriefNeighbours(NearestBriefs? ByVector, NearestBriefs? ByWords);
