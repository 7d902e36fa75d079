using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Core.Tests.Semantic;

/// <summary>
/// The fixture briefs indexed with real MiniLM vectors, once per test run (see <see cref="SemanticSampleIndexCollection"/>). The embedding cache
/// lives in a fixed temp folder so repeated runs on one machine skip the encoding.
/// </summary>
public sealed class SemanticSampleIndex : IDisposable
{
    public static string SharedCacheFolder => Path.Combine(Path.GetTempPath(), "searchservice-test-embedding-cache");

    private readonly TempFolder _folder = new();

    public ITextEncoder Encoder { get; } = TextEncoders.Create(TextEncoders.MiniLm);
    public EmbeddingCache Cache { get; }
    public PassageEmbedder Embedder { get; }
    public BriefIndex Index { get; }

    public SemanticSampleIndex()
    {
        Cache = new EmbeddingCache(SharedCacheFolder, Encoder.ModelName, Encoder.Dimensions);
        Embedder = new PassageEmbedder(Encoder, Cache);
        Index = BriefIndex.Open(Path.Combine(_folder.Path, "index"));
        BriefIngestor.Ingest(Index, [Fixtures.BriefsFolder], embedder: Embedder);
    }

    public void Dispose()
    {
        Index.Dispose();
        Cache.Dispose();
        Encoder.Dispose();
        _folder.Dispose();
    }
}
