namespace SearchService.Core.Analytics;

/// <summary>
/// What readers searched for between <see cref="From"/> and <see cref="To"/> (whole UTC days, inclusive), over searches
/// and "briefs like this text" (related lists are counted apart in <see cref="Related"/>).
/// </summary>
/// <param name="From">First day of the range (UTC).</param>
/// <param name="To">Last day of the range, included.</param>
/// <param name="Searches">Searches answered.</param>
/// <param name="Clicks">Results opened from them.</param>
/// <param name="SearchesWithClicks">Searches of which at least one result was opened.</param>
/// <param name="ClickThroughRate">SearchesWithClicks / Searches (0 without searches).</param>
/// <param name="MeanClickedPosition">Mean position (1 = first result) of the results opened; null without clicks.</param>
/// <param name="TopQueries">The most frequent queries.</param>
/// <param name="NoResults">Queries that found nothing, most frequent first.</param>
/// <param name="NeverOpened">Queries that found briefs of which none was ever opened, most frequent first.</param>
/// <param name="PerDay">Every day of the range, also those without searches.</param>
/// <param name="Related">Related lists shown and opened.</param>
public sealed record AnalyticsReport(
    DateOnly From,
    DateOnly To,
    long Searches,
    long Clicks,
    long SearchesWithClicks,
    double ClickThroughRate,
    double? MeanClickedPosition,
    IReadOnlyList<QueryStatistics> TopQueries,
    IReadOnlyList<QueryStatistics> NoResults,
    IReadOnlyList<QueryStatistics> NeverOpened,
    IReadOnlyList<DayStatistics> PerDay,
    RelatedStatistics Related);

/// <param name="Query">The normalised query ("" for an empty search box with filters).</param>
/// <param name="Searches">Times it was searched.</param>
/// <param name="MeanHits">Mean number of briefs found.</param>
/// <param name="Clicks">Results opened.</param>
/// <param name="ClickThroughRate">Share of its searches with a result opened.</param>
/// <param name="LastSearched">When it was last searched.</param>
public sealed record QueryStatistics(string Query, long Searches, double MeanHits, long Clicks, double ClickThroughRate, DateTimeOffset LastSearched);

public sealed record DayStatistics(DateOnly Day, long Searches, long NoResults, long Clicks);

/// <param name="Shown">Related lists answered (brief pages, related widgets).</param>
/// <param name="Clicked">Lists of which a brief was opened.</param>
/// <param name="ClickThroughRate">Clicked / Shown.</param>
/// <param name="MeanClickedPosition">Mean position of the briefs opened; null without clicks.</param>
public sealed record RelatedStatistics(long Shown, long Clicked, double ClickThroughRate, double? MeanClickedPosition);
