using SearchService.Core.Indexing;

namespace SearchService.Core.Tests.Indexing;

/// <summary>A real on-disk index of the fixture briefs, built once per test run and shared read-only (see <see cref="SampleIndexCollection"/>).</summary>
public sealed class SampleIndex : IDisposable
{
    private readonly TempFolder _folder = new();

    public BriefIndex Index { get; }
    public IngestReport Report { get; }

    public SampleIndex()
    {
        Index = BriefIndex.Open(Path.Combine(_folder.Path, "index"));
        Report = BriefIngestor.Ingest(Index, [Fixtures.BriefsFolder]);
    }

    public void Dispose()
    {
        Index.Dispose();
        _folder.Dispose();
    }
}
