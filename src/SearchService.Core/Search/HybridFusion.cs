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

    /// <summary>
    /// The fused score of every result, in no particular order: the search pipeline filters and then ranks
    /// them itself, so sorting thousands of keyword matches here would be done twice. <paramref name="semanticWeight"/>
    /// is ignored by RRF.
    /// </summary>
    public static List<(TKey Id, float Score)> Fuse<TKey>(FusionMethod method, IReadOnlyList<(TKey Id, float Score)> keyword, IReadOnlyList<(TKey Id, float Score)> semantic, float semanticWeight)
        where TKey : notnull => method switch
        {
            FusionMethod.Rrf => ReciprocalRank(keyword, semantic),
            FusionMethod.MinMax => Combine(keyword, semantic, semanticWeight, MinMaxNormalizer, missing: _ => 0f),
            _ => Combine(keyword, semantic, semanticWeight, ZScoreNormalizer, LowestNormalized, Logistic),
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
        SortBest(Combine(keyword, semantic, semanticWeight, MinMaxNormalizer, missing: _ => 0f));

    /// <summary>
    /// <paramref name="semanticWeight"/> × semantic z-score + (1 − weight) × keyword z-score, with mean
    /// and spread from each list's head; a result missing from a list scores as that list's worst. The
    /// sum goes through the logistic function, so scores are positive (boosts multiply them) and keep their order.
    /// </summary>
    public static List<(TKey Id, float Score)> ZScores<TKey>(IReadOnlyList<(TKey Id, float Score)> keyword, IReadOnlyList<(TKey Id, float Score)> semantic, float semanticWeight)
        where TKey : notnull =>
        SortBest(Combine(keyword, semantic, semanticWeight, ZScoreNormalizer, LowestNormalized, Logistic));

    private static Func<float, float> MinMaxNormalizer<TKey>(IReadOnlyList<(TKey Id, float Score)> list)
    {
        var head = Head(list);
        var (min, max) = (head.Min(), head.Max());
        return max > min ? score => (score - min) / (max - min) : _ => 1f;
    }

    private static Func<float, float> ZScoreNormalizer<TKey>(IReadOnlyList<(TKey Id, float Score)> list)
    {
        var head = Head(list);
        var mean = head.Average();
        var spread = MathF.Sqrt(head.Average(s => (s - mean) * (s - mean)));
        if (spread == 0) spread = 1;
        return score => (score - mean) / spread;
    }

    private static float LowestNormalized<TKey>(Dictionary<TKey, float> normalized) where TKey : notnull =>
        normalized.Count == 0 ? 0 : normalized.Values.Min();

    private static float Logistic(float sum) => 1f / (1f + MathF.Exp(-sum));

    // Written for speed (one dictionary per list, no sort): a search box's keyword list holds thousands of
    // matches, and LINQ over them was a visible part of a hybrid query. Results come in no particular order.
    private static List<(TKey Id, float Score)> Combine<TKey>(
        IReadOnlyList<(TKey Id, float Score)> keyword, IReadOnlyList<(TKey Id, float Score)> semantic, float semanticWeight,
        Func<IReadOnlyList<(TKey Id, float Score)>, Func<float, float>> normalizer, Func<Dictionary<TKey, float>, float> missing,
        Func<float, float>? output = null)
        where TKey : notnull
    {
        var byKeyword = Normalized(keyword, normalizer);
        var byMeaning = Normalized(semantic, normalizer);
        var keywordAbsent = keyword.Count == 0 ? 0 : missing(byKeyword);
        var meaningAbsent = semantic.Count == 0 ? 0 : missing(byMeaning);
        var keywordWeight = keyword.Count == 0 ? 0 : 1 - semanticWeight;
        var meaningWeight = semantic.Count == 0 ? 0 : semanticWeight;

        var fused = new List<(TKey Id, float Score)>(byKeyword.Count + byMeaning.Count);
        foreach (var (id, score) in byKeyword)
            fused.Add((id, keywordWeight * score + meaningWeight * byMeaning.GetValueOrDefault(id, meaningAbsent)));
        foreach (var (id, score) in byMeaning)
            if (!byKeyword.ContainsKey(id)) fused.Add((id, keywordWeight * keywordAbsent + meaningWeight * score));
        if (output is not null)
            for (var i = 0; i < fused.Count; i++) fused[i] = (fused[i].Id, output(fused[i].Score));
        return fused;
    }

    /// <summary>Each id's normalised score (its best, if it is listed twice).</summary>
    private static Dictionary<TKey, float> Normalized<TKey>(IReadOnlyList<(TKey Id, float Score)> list, Func<IReadOnlyList<(TKey Id, float Score)>, Func<float, float>> normalizer)
        where TKey : notnull
    {
        var scores = new Dictionary<TKey, float>(list.Count);
        if (list.Count == 0) return scores;
        var normalize = normalizer(list);
        foreach (var (id, score) in list)
        {
            var value = normalize(score);
            if (!scores.TryGetValue(id, out var seen) || value > seen) scores[id] = value;
        }
        return scores;
    }

    /// <summary>The <see cref="StatisticsDepth"/> best scores of a list.</summary>
    private static ArraySegment<float> Head<TKey>(IReadOnlyList<(TKey Id, float Score)> list)
    {
        var scores = new float[list.Count];
        for (var i = 0; i < scores.Length; i++) scores[i] = -list[i].Score; // ascending sort of negatives: best first
        Array.Sort(scores);
        for (var i = 0; i < scores.Length; i++) scores[i] = -scores[i];
        return new ArraySegment<float>(scores, 0, Math.Min(StatisticsDepth, scores.Length));
    }

    private static List<(TKey Id, float Score)> Sorted<TKey>(Dictionary<TKey, float> fused) where TKey : notnull =>
        SortBest(fused.Select(f => (f.Key, f.Value)).ToList());

    /// <summary>Best score first; ties in id order, so equal inputs always give the same ranking.</summary>
    private static List<(TKey Id, float Score)> SortBest<TKey>(List<(TKey Id, float Score)> list) where TKey : notnull
    {
        var ids = Comparer<TKey>.Default;
        list.Sort((a, b) => b.Score.CompareTo(a.Score) is var order && order != 0 ? order : ids.Compare(a.Id, b.Id));
        return list;
    }
}

/// <summary>How <see cref="HybridFusion"/> combines two rankings.</summary>
public enum FusionMethod
{
    ZScore,
    MinMax,
    Rrf,
}
