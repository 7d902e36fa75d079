namespace SearchService.Core.Indexing;

/// <summary>What an indexing run did: the briefs indexed, those unchanged, and each file that failed with its reason.</summary>
public sealed record IngestReport(IReadOnlyList<IngestedFile> Indexed, IReadOnlyList<IngestedFile> Unchanged, IReadOnlyList<FailedFile> Failed, TimeSpan Elapsed);

public sealed record IngestedFile(string File, string Id, int Passages);

public sealed record FailedFile(string File, string Reason);
