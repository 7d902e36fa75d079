namespace SearchService.Core.Indexing;

/// <summary>What an indexing run did: the briefs indexed, those unchanged, each file that failed with its reason, and each file skipped on purpose.</summary>
public sealed record IngestReport(IReadOnlyList<IngestedFile> Indexed, IReadOnlyList<IngestedFile> Unchanged, IReadOnlyList<FailedFile> Failed, TimeSpan Elapsed)
{
    /// <summary>Files not indexed because another file holds the same brief (a PDF next to its Markdown brief); not failures.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];

    /// <summary>Per publisher, the paragraphs the index has learned as boilerplate after the run, and how many paragraphs of its briefs they drop.</summary>
    public IReadOnlyList<Passages.PublisherBoilerplateCount> Boilerplate { get; init; } = [];
}

public sealed record IngestedFile(string File, string Id, int Passages);

public sealed record FailedFile(string File, string Reason);

public sealed record SkippedFile(string File, string Reason);
