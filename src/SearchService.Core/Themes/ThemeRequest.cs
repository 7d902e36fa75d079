namespace SearchService.Core.Themes;

/// <summary>An analyst's theme query.</summary>
public sealed record ThemeRequest(string Query, int Size = 50, DateOnly? From = null, DateOnly? To = null)
{
    public const int MaxSize = 500;

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Query)) return "q is required: the theme to look for, e.g. q=AI sovereignty.";
        if (Query.Length > Search.SearchRequest.MaxQueryLength) return $"The query is {Query.Length:N0} characters long; the limit is {Search.SearchRequest.MaxQueryLength:N0}.";
        if (Size is < 1 or > MaxSize) return $"size must be between 1 and {MaxSize} (got {Size}).";
        if (From is { } from && To is { } to && from > to) return $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).";
        return null;
    }
}
