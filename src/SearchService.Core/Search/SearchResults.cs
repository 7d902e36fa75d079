namespace SearchService.Core.Search;

/// <summary>
/// One page of search results, the facet counts of everything matched, and a corrected query when
/// the words typed looked misspelled (<see cref="DidYouMean"/>, null otherwise).
/// </summary>
public sealed record SearchResults(long Total, double TookMs, IReadOnlyList<SearchHit> Hits, Facets Facets, string? DidYouMean)
{
    /// <summary>
    /// Opaque id of this answer in search analytics, which a page sends back when a result is opened; set by the
    /// service per request (never cached with the results), left out of the JSON when there is none (the CLI).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? SearchId { get; init; }
}

/// <summary>
/// One matching brief. <see cref="Snippets"/> are HTML-escaped text with the matched words wrapped in
/// <c>&lt;mark&gt;</c>, safe to insert into a page as HTML.
/// </summary>
public sealed record SearchHit(string Id, string Title, DateOnly? Date, IReadOnlyList<string> Tags, float Score, IReadOnlyList<string> Snippets);
