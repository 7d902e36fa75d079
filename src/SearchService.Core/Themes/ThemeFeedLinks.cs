namespace SearchService.Core.Themes;

/// <summary>
/// Where a theme's Atom feed and the pages it links to live. <paramref name="FeedId"/> names the feed for good
/// (the same theme and filters always give the same id); <paramref name="Self"/> is the feed's own URL,
/// <paramref name="Page"/> the themes page for the same theme, and <paramref name="SiteRoot"/> the origin brief pages hang off.
/// </summary>
public sealed record ThemeFeedLinks(string FeedId, Uri Self, Uri Page, Uri SiteRoot)
{
    public Uri BriefPage(string briefId) => new(SiteRoot, "brief.html?id=" + Uri.EscapeDataString(briefId));
}
