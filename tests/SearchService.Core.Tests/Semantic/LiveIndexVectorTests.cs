using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Semantic;

public sealed class LiveIndexVectorTests : IDisposable
{
    private const string NoSharedWords = "national control over artificial intelligence capabilities";

    private readonly TempFolder _folder = new();
    private readonly ITextEncoder _encoder = TextEncoders.Create(TextEncoders.MiniLm);
    private readonly EmbeddingCache _cache;
    private readonly LiveIndex _index;

    public LiveIndexVectorTests()
    {
        _cache = new EmbeddingCache(SemanticSampleIndex.SharedCacheFolder, _encoder.ModelName, _encoder.Dimensions);
        _index = LiveIndex.Open(Path.Combine(_folder.Path, "index"), new PassageEmbedder(_encoder, _cache));
    }

    private IReadOnlyList<SemanticHit> Semantic(string query)
    {
        using var lease = _index.Acquire();
        return new SemanticSearcher(lease.Index, _encoder).Search(query, 3);
    }

    [Fact]
    public void Writes_and_rebuilds_keep_passage_vectors_so_semantic_search_stays_in_step()
    {
        _index.Add(BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoQuantum)));
        var seed = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));
        _index.Add(seed, new BriefOriginal(Fixtures.Seed, File.ReadAllBytes(Fixtures.Brief(Fixtures.Seed))));

        Assert.Equal("navigating-ai-sovereignty", Semantic(NoSharedWords)[0].BriefId);

        _index.Rebuild();
        Assert.Equal("navigating-ai-sovereignty", Semantic(NoSharedWords)[0].BriefId);

        _index.Delete(seed.Id);
        Assert.DoesNotContain(Semantic(NoSharedWords), hit => hit.BriefId == seed.Id);
    }

    public void Dispose()
    {
        _index.Dispose();
        _cache.Dispose();
        _encoder.Dispose();
        _folder.Dispose();
    }
}
