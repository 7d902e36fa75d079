namespace SearchService.Core.Search;

/// <summary>
/// Fuses a keyword ranking and a semantic ranking into one. Three principled ways, measured side by
/// side by <c>searchservice eval --mode hybrid --fusion …</c>: reciprocal rank fusion (ranks only),
/// a weighted sum of min-max normalised scores, and a weighted sum of z-scores (how far above the
/// list's typical result a score stands). The service uses z-scores: best on SciFact train.
/// </summary>
public static class HybridFusion
{
    /// <summary>RRF's usual constant: damps the head of each list so one list cannot dominate.</summary>
    public const int RrfK = 60;

    /// <summary>Normalisation statistics come from each list's head: a long tail of weak keyword matches would flatten them.</summary>
    public const int StatisticsDepth = 100;

    /// <summary>Fuses with <paramref name="method"/>; <paramref name="semanticWeight"/> is ignored by RRF.</summary>
    public static List<(TKey Id, float Score)> Fuse<TKey>(FusionMethod method, IReadOnlyList<(TKey Id, float Score)> keyword, IReadOnlyList<(TKey Id, float Score)> semantic, float semanticWeight)
        where TKey : notnull => method switch
        {
            FusionMethod.Rrf => ReciprocalRank(keyword, semantic),
            FusionMethod.MinMax => NormalizedScores(keyword, semantic, semanticWeight),
            _ => ZScores(keyword, semantic, semanticWeight),
        };

    public static List<(TKey Id, float Score)> ReciprocalRank<TKey>(IReadOnlyList<(TKey Id, float Score)> keyword, IReadOnlyList<(TKey Id, float Score)> semantic, int k = RrfK)
        where TKey : notnull
    {
        var fused = new Dictionary<TKey, float>();
        foreach (var list in new[] { keyword, semantic })
        {
            var ranked = list.OrderByDescending(h => h.Score).ToList();
            for (var rank = 0; rank < ranked.Count; rank++)
                fused[ranked[rank].Id] = fused.GetValueOrDefault(ranked[rank].Id) + 1f / (k + rank + 1);
        }
        return Sorted(fused);
    }

    /// <summary>
    /// <paramref name="semanticWeight"/> × normalised semantic score + (1 − weight) × normalised keyword
    /// score; a result missing from a list scores 0 there, as that list's last result does.
    /// </summary>
    public static List<(TKey Id, float Score)> NormalizedScores<TKey>(IReadOnlyList<(TKey Id, float Score)> keyword, IReadOnlyList<(TKey Id, float Score)> semantic, float semanticWeight)
        where TKey : notnull =>
        Combine(keyword, semantic, semanticWeight, list =>
        {
            var head = Head(list);
            var (min, max) = (head.Min(), head.Max());
            return max > min ? score => (score - min) / (max - min) : _ => 1f;
        }, missing: _ => 0f);

    /// <summary>
    /// <paramref name="semanticWeight"/> × semantic z-score + (1 − weight) × keyword z-score, with mean
    /// and spread from each list's head; a result missing from a list scores as that list's worst. The
    /// sum goes through the logistic function, so scores are positive (boosts multiply them) and keep their order.
    /// </summary>
    public static List<(TKey Id, float Score)> ZScores<TKey>(IReadOnlyList<(TKey Id, float Score)> keyword, IReadOnlyList<(TKey Id, float Score)> semantic, float semanticWeight)
        where TKey : notnull =>
        Combine(keyword, semantic, semanticWeight, list =>
        {
            var head = Head(list);
            var mean = head.Average();
            var spread = MathF.Sqrt(head.Average(s => (s - mean) * (s - mean)));
            if (spread == 0) spread = 1;
            return score => (score - mean) / spread;
        }, missing: normalized => normalized.Count == 0 ? 0 : normalized.Values.Min())
        .Select(f => (f.Id, 1f / (1f + MathF.Exp(-f.Score))))
        .ToList();

    private static List<(TKey Id, float Score)> Combine<TKey>(
        IReadOnlyList<(TKey Id, float Score)> keyword, IReadOnlyList<(TKey Id, float Score)> semantic, float semanticWeight,
        Func<IReadOnlyList<(TKey Id, float Score)>, Func<float, float>> normalizer, Func<Dictionary<TKey, float>, float> missing)
        where TKey : notnull
    {
        var ids = keyword.Select(k => k.Id).Concat(semantic.Select(s => s.Id)).ToHashSet();
        var fused = new Dictionary<TKey, float>();
        foreach (var (list, weight) in new[] { (keyword, 1 - semanticWeight), (semantic, semanticWeight) })
        {
            if (list.Count == 0) continue;
            var normalize = normalizer(list);
            var scores = new Dictionary<TKey, float>();
            foreach (var (id, score) in list) scores[id] = Math.Max(scores.GetValueOrDefault(id, float.MinValue), normalize(score));
            var absent = missing(scores);
            foreach (var id in ids) fused[id] = fused.GetValueOrDefault(id) + weight * scores.GetValueOrDefault(id, absent);
        }
        return Sorted(fused);
    }

    private static List<float> Head<TKey>(IReadOnlyList<(TKey Id, float Score)> list) =>
        list.Select(h => h.Score).OrderDescending().Take(StatisticsDepth).ToList();

    private static List<(TKey Id, float Score)> Sorted<TKey>(Dictionary<TKey, float> fused) where TKey : notnull =>
        fused.Select(f => (f.Key, f.Value)).OrderByDescending(f => f.Value).ThenBy(f => f.Key).ToList();
}

/// <summary>How <see cref="HybridFusion"/> combines two rankings.</summary>
public enum FusionMethod
{
    ZScore,
    MinMax,
    Rrf,
}
