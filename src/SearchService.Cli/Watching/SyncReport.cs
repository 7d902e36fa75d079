using SearchService.Core.Indexing;

namespace SearchService.Cli.Watching;

/// <summary>What one batch of file changes did to the index: briefs indexed or re-indexed, briefs removed, files skipped and files that failed.</summary>
internal sealed record SyncReport(IReadOnlyList<IngestedFile> Indexed, IReadOnlyList<IngestedFile> Removed, IReadOnlyList<SkippedFile> Skipped, IReadOnlyList<FailedFile> Failed)
{
    public bool IsEmpty => Indexed.Count == 0 && Removed.Count == 0 && Skipped.Count == 0 && Failed.Count == 0;
}
