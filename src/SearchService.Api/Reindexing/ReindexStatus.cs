using SearchService.Core.Indexing;

namespace SearchService.Api.Reindexing;

/// <summary>
/// Where the last reindex stands: its state, the generation being served, progress through the briefs, and the
/// briefs whose originals no longer extract (kept as they were, with the reason).
/// </summary>
public sealed record ReindexStatus(
    ReindexState State,
    int Generation,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Processed,
    int Total,
    int Indexed,
    IReadOnlyList<FailedFile> Failures,
    string? Error);
