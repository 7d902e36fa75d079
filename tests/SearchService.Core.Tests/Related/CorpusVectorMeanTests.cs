using System.Numerics.Tensors;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Relevance;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// Related-brief features compare brief vectors about the index's mean brief vector (<see cref="CorpusVectorMean"/>):
/// 60 real GAO summaries embedded by the default encoder, written in two commits so the mean is summed over segments.
/// </summary>
public sealed class CorpusVectorMeanTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly BriefIndex _index;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public CorpusVectorMeanTests()
    {
        _index = BriefIndex.Open(Path.Combine(_folder.Path, "index"));
        using var encoder = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        using var cache = new EmbeddingCache(Semantic.SemanticSampleIndex.SharedCacheFolder, encoder.ModelName, encoder.Dimensions);
        var embedder = new PassageEmbedder(encoder, cache);
        var briefs = BeirDataset.Load(GaoRelatedSlice.DatasetFolder).Corpus.Select(BeirIndexer.ToBrief).ToList();
        foreach (var half in briefs.Chunk(briefs.Count / 2))
        {
            foreach (var prepared in PreparedBrief.PrepareAll(half, embedder))
            {
                prepared.WriteTo(_index);
                _vectors[prepared.Brief.Id] = PassageEmbedder.BriefVector(prepared.Vectors!);
            }
            _index.Commit();
        }
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void The_mean_is_the_mean_of_every_brief_vector_across_segments()
    {
        using var lease = _index.AcquireSearcher();
        var leaves = lease.Searcher.IndexReader.Leaves;
        Assert.True(leaves.Count > 1, "the index was meant to have several segments");

        var mean = CorpusVectorMean.Of(_index).Of(leaves);

        var expected = Mean(_vectors.Values);
        Assert.NotNull(mean);
        Assert.Equal(expected.Length, mean.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], mean[i], 5);
        // Not a trivial centre: the encoders put these reports in a narrow cone around it.
        Assert.True(TensorPrimitives.Norm(mean) > 0.3f, $"mean vector length {TensorPrimitives.Norm(mean)}");
    }

    [Fact]
    public void Related_features_rank_by_the_centred_cosine_and_show_the_plain_one()
    {
        var lists = RelatedLists.For(_index, new RelatedModel(null, null));
        using var lease = _index.AcquireSearcher();
        var source = _vectors.Keys.Order(StringComparer.Ordinal).First();
        var ranking = lists.Ranker.Rank(lease.Searcher, source, RelatedScoring.Fixed)!;
        var mean = Mean(_vectors.Values);
        Assert.True(ranking.Candidates.Count > 10);

        foreach (var candidate in ranking.Candidates)
        {
            var (a, b) = (_vectors[source], _vectors[candidate.Facts.Id]);
            Assert.Equal(TensorPrimitives.Dot(a, b), candidate.Features[RelatedFeatures.BriefCosine], 4);
            Assert.Equal(CentredCosine(a, b, mean), candidate.Features[RelatedFeatures.CentredCosine], 4);
        }
        // The rank among the source's candidates follows the centred cosine.
        var byRank = ranking.Candidates.OrderBy(c => c.Features[RelatedFeatures.BriefCosineRank]).Select(c => c.Features[RelatedFeatures.CentredCosine]).ToList();
        Assert.Equal(byRank.OrderDescending(), byRank);
    }

    private static float CentredCosine(float[] a, float[] b, float[] mean)
    {
        var (x, y) = (new float[a.Length], new float[b.Length]);
        TensorPrimitives.Subtract(a, mean, x);
        TensorPrimitives.Subtract(b, mean, y);
        return TensorPrimitives.CosineSimilarity(x, y);
    }

    private static float[] Mean(IEnumerable<float[]> vectors)
    {
        var list = vectors.ToList();
        var sum = new float[list[0].Length];
        foreach (var vector in list) TensorPrimitives.Add(sum, vector, sum);
        TensorPrimitives.Divide(sum, list.Count, sum);
        return sum;
    }
}
