namespace SearchService.Core.Search;

/// <summary>The order of results: best match first, or newest first. Ties go by brief id, so paging is stable.</summary>
public enum SearchSort
{
    Relevance,
    Date,
}
