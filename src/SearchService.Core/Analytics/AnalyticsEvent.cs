namespace SearchService.Core.Analytics;

/// <summary>Something a reader did that search analytics keeps: a search answered, or a result opened. Never who did it.</summary>
public abstract record AnalyticsEvent(string SearchId, DateTimeOffset At);

/// <summary>
/// One answered search, without personal data: no address, agent or cookie, only what was asked and how it went.
/// </summary>
/// <param name="SearchId">Opaque id returned with the answer; clicks on its results name it.</param>
/// <param name="At">When it was answered.</param>
/// <param name="Kind">What answered: <see cref="SearchKinds"/>.</param>
/// <param name="Query">The query normalised by <see cref="QueryNormaliser"/> (the brief's id for a related list).</param>
/// <param name="Mode">keyword, semantic, hybrid, or related.</param>
/// <param name="Filters">The filters as <c>field=value</c> pairs joined by <c>; </c>, empty when none.</param>
/// <param name="Total">How many briefs matched.</param>
/// <param name="TookMs">How long the search took.</param>
public sealed record SearchEvent(string SearchId, DateTimeOffset At, string Kind, string Query, string Mode, string Filters, long Total, double TookMs)
    : AnalyticsEvent(SearchId, At);

/// <summary>A result of search <see cref="AnalyticsEvent.SearchId"/> opened: brief <paramref name="BriefId"/>, shown at <paramref name="Position"/> (1 = first of all pages).</summary>
public sealed record ClickEvent(string SearchId, DateTimeOffset At, string BriefId, int Position) : AnalyticsEvent(SearchId, At);

/// <summary>The kinds of answers recorded.</summary>
public static class SearchKinds
{
    /// <summary><c>GET /api/search</c>: the search page, widgets and API clients.</summary>
    public const string Search = "search";
    /// <summary><c>POST /api/search/similar</c>: briefs like a text.</summary>
    public const string Similar = "similar";
    /// <summary><c>GET /api/briefs/{id}/related</c>: a related list (brief page, related widget); the query is the brief's id.</summary>
    public const string Related = "related";
}
