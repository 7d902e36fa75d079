namespace SearchService.Core.Related;

/// <summary>
/// A brief's nearest briefs by one similarity: their ids (for shared-neighbour counts) and the mean
/// similarity of the closest ones (its density: high for "hub" briefs close to everything).
/// </summary>
internal sealed class NearestBriefs
{
    /// <summary>Neighbours kept for shared-neighbour counts.</summary>
    public const int Kept = 20;
    /// <summary>Closest neighbours averaged into the density.</summary>
    public const int Averaged = 10;

    public NearestBriefs(IReadOnlyList<string> ids, float density)
    {
        Ids = ids.ToHashSet(StringComparer.Ordinal);
        Ordered = ids;
        Density = density;
    }

    public HashSet<string> Ids { get; }
    /// <summary>The same ids, nearest first (what is persisted).</summary>
    public IReadOnlyList<string> Ordered { get; }
    public float Density { get; }

    public static NearestBriefs Of(IEnumerable<(string Id, float Score)> similarities)
    {
        var nearest = similarities.OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal).Take(Kept).ToList();
        var closest = nearest.Take(Averaged).ToList();
        return new NearestBriefs(nearest.Select(n => n.Id).ToList(), closest.Count == 0 ? 0 : closest.Average(n => n.Score));
    }

    /// <summary>Share of this brief's neighbours that are also the other's.</summary>
    public float SharedWith(NearestBriefs other) => Ids.Count == 0 ? 0 : Ids.Count(other.Ids.Contains) / (float)Kept;
}
