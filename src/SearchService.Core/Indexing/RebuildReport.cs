namespace SearchService.Core.Indexing;

/// <summary>What a rebuild did: the generation it built and now serves, and the indexing report of the build.</summary>
public sealed record RebuildReport(int Generation, IngestReport Report);
