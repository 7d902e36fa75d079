namespace SearchService.Core.Relevance;

/// <summary>The standard ranking metrics, as BEIR and trec_eval compute them.</summary>
public static class RankingMetrics
{
    /// <summary>nDCG@k with graded gains (gain = relevance, log2 discount), ideal from all judgments.</summary>
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            dcg += relevance.GetValueOrDefault(ranked[i]) / Math.Log2(i + 2);
        var ideal = relevance.Values.Where(r => r > 0).OrderDescending().Take(k).Select((r, i) => r / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>Share of the relevant documents found in the top <paramref name="k"/>.</summary>
    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance)
    {
        var relevant = relevance.Count(r => r.Value > 0);
        if (relevant == 0) return 0;
        return ranked.Take(k).Count(id => relevance.GetValueOrDefault(id) > 0) / (double)relevant;
    }

    /// <summary>Reciprocal rank of the first relevant document within the top <paramref name="k"/>.</summary>
    public static double MrrAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            if (relevance.GetValueOrDefault(ranked[i]) > 0) return 1.0 / (i + 1);
        return 0;
    }

    /// <summary>The value below which <paramref name="percent"/>% of <paramref name="values"/> fall (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
