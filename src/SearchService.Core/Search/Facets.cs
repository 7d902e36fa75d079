namespace SearchService.Core.Search;

/// <summary>
/// Counts of the matched briefs by tag, author, year, type and publisher. Counts reflect the query and
/// every filter except the facet's own ("disjunctive" faceting), so the other values of a field that
/// is already filtered stay visible with the counts selecting them would add. Selected values are
/// always listed, with 0 when nothing matches them. Year lists newest first; the others by count,
/// then alphabetically.
/// </summary>
public sealed record Facets(
    IReadOnlyList<FacetValue> Tags,
    IReadOnlyList<FacetValue> Authors,
    IReadOnlyList<FacetValue> Year,
    IReadOnlyList<FacetValue> Type,
    IReadOnlyList<FacetValue> Publisher)
{
    /// <summary>At most this many values per facet (plus any selected values beyond them).</summary>
    public const int MaxValues = 50;

    public static Facets Empty { get; } = new([], [], [], [], []);
}
