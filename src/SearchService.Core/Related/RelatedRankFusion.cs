namespace SearchService.Core.Related;

/// <summary>
/// How a related list is ordered when the learned ranker can score it: the ranker's order and the fixed weighting's
/// are fused by reciprocal rank (each candidate scores 1 / (60 + its rank) in each, summed). The two err apart — one is
/// fitted to the judged corpus it was trained on, the other set by hand for any corpus — and on briefs neither saw the
/// fusion ranked level with the better of them and ahead of the ranker alone (docs/related-evaluation.md).
/// </summary>
internal static class RelatedRankFusion
{
    /// <summary>The usual reciprocal-rank constant: a rank's weight falls slowly, so no single order dominates the top.</summary>
    public const int K = 60;

    /// <summary>The fused score of every candidate, from its score under each ordering (higher is better; ties keep candidate order).</summary>
    public static float[] Fuse(params IReadOnlyList<float>[] orderings)
    {
        var count = orderings[0].Count;
        var fused = new float[count];
        foreach (var scores in orderings)
        {
            if (scores.Count != count) throw new ArgumentException("every ordering must score the same candidates", nameof(orderings));
            var order = Enumerable.Range(0, count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
            for (var rank = 0; rank < count; rank++) fused[order[rank]] += 1f / (K + rank + 1);
        }
        return fused;
    }
}
