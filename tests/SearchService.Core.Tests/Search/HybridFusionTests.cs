using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

public sealed class HybridFusionTests
{
    private static readonly List<(string, float)> Keyword = [("a", 12f), ("b", 6f), ("c", 3f)];
    private static readonly List<(string, float)> Semantic = [("c", 0.9f), ("d", 0.8f), ("a", 0.5f)];

    [Fact]
    public void Reciprocal_rank_fusion_rewards_agreement()
    {
        var fused = HybridFusion.ReciprocalRank(Keyword, Semantic);
        Assert.Equal(["a", "c", "b", "d"], fused.Select(f => f.Id));
        Assert.Equal(1f / 61 + 1f / 63, fused[0].Score, 6);
    }

    [Fact]
    public void Normalised_score_fusion_follows_the_weight()
    {
        Assert.Equal("a", HybridFusion.NormalizedScores(Keyword, Semantic, 0f)[0].Id);
        Assert.Equal("c", HybridFusion.NormalizedScores(Keyword, Semantic, 1f)[0].Id);
        var even = HybridFusion.NormalizedScores(Keyword, Semantic, 0.5f);
        Assert.Equal(even.Count, even.Select(f => f.Id).Distinct().Count());
        Assert.Equal(4, even.Count);
    }

    [Fact]
    public void One_empty_list_leaves_the_other_order()
    {
        Assert.Equal(["a", "b", "c"], HybridFusion.ReciprocalRank(Keyword, []).Select(f => f.Id));
        Assert.Equal(["c", "d", "a"], HybridFusion.NormalizedScores([], Semantic, 0.5f).Select(f => f.Id));
    }

    [Theory]
    [InlineData(FusionMethod.ZScore)]
    [InlineData(FusionMethod.MinMax)]
    public void Fuse_gives_the_ranked_fusions_scores_unranked(FusionMethod method)
    {
        var ranked = method == FusionMethod.ZScore ? HybridFusion.ZScores(Keyword, Semantic, 0.6f) : HybridFusion.NormalizedScores(Keyword, Semantic, 0.6f);
        var fused = HybridFusion.Fuse(method, Keyword, Semantic, 0.6f);
        Assert.Equal(ranked.OrderBy(f => f.Id), fused.OrderBy(f => f.Id));
        Assert.All(fused, f => Assert.InRange(f.Score, 0f, 1f)); // z-score sums go through the logistic function; min-max sums are in [0, 1]
    }
}
