namespace SearchService.Core.Search;

/// <summary>An adjustment of ranking scores applied after the mode has scored its matches, before sorting and paging.</summary>
public enum SearchBoost
{
    None,
    /// <summary>Newer briefs score higher; see <see cref="RecencyBoost"/>.</summary>
    Recent,
}
