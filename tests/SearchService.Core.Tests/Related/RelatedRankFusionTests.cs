using SearchService.Core.Related;

namespace SearchService.Core.Tests.Related;

/// <summary>The learned ranker's order and the fixed weighting's, fused by reciprocal rank (<see cref="RelatedRankFusion"/>).</summary>
public sealed class RelatedRankFusionTests
{
    [Fact]
    public void Orders_that_agree_are_kept()
    {
        float[] learned = [2.5f, -1f, 0.3f, 1.1f];
        float[] weighted = [0.9f, 0.1f, 0.2f, 0.5f];

        var fused = RelatedRankFusion.Fuse(learned, weighted);

        Assert.Equal([0, 3, 2, 1], Enumerable.Range(0, 4).OrderByDescending(i => fused[i]));
    }

    [Fact]
    public void A_candidate_both_put_high_outranks_one_only_one_puts_first()
    {
        // Candidate 0 is first by the ranker and last by the weighting; candidate 1 second by both.
        var learned = Enumerable.Range(0, 10).Select(i => i switch { 0 => 10f, 1 => 9f, _ => 8f - i }).ToArray();
        var weighted = Enumerable.Range(0, 10).Select(i => i switch { 0 => -10f, 1 => 9f, 2 => 10f, _ => 8f - i }).ToArray();

        var fused = RelatedRankFusion.Fuse(learned, weighted);

        Assert.True(fused[1] > fused[0]);
        Assert.Equal(1f / 62 + 1f / 62, fused[1], 6);
        Assert.Equal(1f / 61 + 1f / 70, fused[0], 6);
    }

    [Fact]
    public void Orderings_of_different_candidates_are_refused() =>
        Assert.Throws<ArgumentException>(() => RelatedRankFusion.Fuse([1f, 2f], [1f]));
}
