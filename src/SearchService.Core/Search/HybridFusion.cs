namespace SearchService.Core.Search;

/// <summary>
/// Fuses a keyword ranking and a semantic ranking of briefs into one. Two principled ways:
/// reciprocal rank fusion (ranks only, no tuning beyond k = 60) and a weighted sum of min-max
/// normalised scores (uses how far ahead a result is, with one tuned weight).
/// </summary>
public static class HybridFusion
{
    /// <summary>RRF's usual constant: damps the head of each list so one list cannot dominate.</summary>
    public const int RrfK = 60;

    public static List<(string Id, float Score)> ReciprocalRank(IReadOnlyList<(string Id, float Score)> keyword, IReadOnlyList<(string Id, float Score)> semantic, int k = RrfK)
    {
        var fused = new Dictionary<string, float>();
        foreach (var list in new[] { keyword, semantic })
            for (var rank = 0; rank < list.Count; rank++)
                fused[list[rank].Id] = fused.GetValueOrDefault(list[rank].Id) + 1f / (k + rank + 1);
        return Sorted(fused);
    }

    /// <summary>
    /// <paramref name="semanticWeight"/> × normalised semantic score + (1 − weight) × normalised keyword
    /// score; a brief missing from a list scores 0 there, as that list's last result does.
    /// </summary>
    public static List<(string Id, float Score)> NormalizedScores(IReadOnlyList<(string Id, float Score)> keyword, IReadOnlyList<(string Id, float Score)> semantic, float semanticWeight)
    {
        var fused = new Dictionary<string, float>();
        Add(fused, keyword, 1 - semanticWeight);
        Add(fused, semantic, semanticWeight);
        return Sorted(fused);
    }

    /// <summary>Weighted sum of z-scores (mean 0, unit spread within each list); a missing brief scores as the list's worst.</summary>
    public static List<(string Id, float Score)> ZScores(IReadOnlyList<(string Id, float Score)> keyword, IReadOnlyList<(string Id, float Score)> semantic, float semanticWeight)
    {
        var fused = new Dictionary<string, float>();
        var ids = keyword.Select(k => k.Id).Concat(semantic.Select(s => s.Id)).ToHashSet();
        foreach (var (list, weight) in new[] { (keyword, 1 - semanticWeight), (semantic, semanticWeight) })
        {
            if (list.Count == 0) continue;
            var mean = list.Average(h => h.Score);
            var spread = MathF.Sqrt(list.Average(h => (h.Score - mean) * (h.Score - mean)));
            if (spread == 0) spread = 1;
            var scores = list.ToDictionary(h => h.Id, h => (h.Score - mean) / spread);
            var worst = scores.Values.Min();
            foreach (var id in ids) fused[id] = fused.GetValueOrDefault(id) + weight * scores.GetValueOrDefault(id, worst);
        }
        return Sorted(fused);
    }

    private static void Add(Dictionary<string, float> fused, IReadOnlyList<(string Id, float Score)> list, float weight)
    {
        if (list.Count == 0) return;
        var max = list.Max(h => h.Score);
        var min = list.Min(h => h.Score);
        var range = max - min;
        foreach (var (id, score) in list)
        {
            var normalized = range > 0 ? (score - min) / range : 1f;
            fused[id] = fused.GetValueOrDefault(id) + weight * normalized;
        }
    }

    private static List<(string Id, float Score)> Sorted(Dictionary<string, float> fused) =>
        fused.Select(f => (f.Key, f.Value)).OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
}
