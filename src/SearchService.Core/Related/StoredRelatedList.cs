namespace SearchService.Core.Related;

/// <summary>
/// A brief's related list as computed and persisted: the briefs best first (with reasons for the first
/// <see cref="RelatedBriefFinder.MaxK"/>), the content hash of the brief it was computed for, and whether the
/// learned ranker ordered it.
/// </summary>
public sealed record StoredRelatedList(string SourceHash, IReadOnlyList<RelatedBrief> Related, bool UsedLearnedRanker);
