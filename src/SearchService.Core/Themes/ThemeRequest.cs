using SearchService.Core.Search;

namespace SearchService.Core.Themes;

/// <summary>
/// An analyst's theme query: one theme, or up to <see cref="MaxThemes"/> compared (<see cref="Compared"/>), with
/// the search page's filters. <see cref="From"/> and <see cref="To"/> bound the dates; <see cref="Filter"/>'s
/// tags, authors, types and publishers select briefs (its own dates are not read).
/// </summary>
public sealed record ThemeRequest(string Query, int Size = 50, DateOnly? From = null, DateOnly? To = null)
{
    public const int MaxSize = 500;
    public const int MaxThemes = 4;

    /// <summary>The themes compared with <see cref="Query"/>, in order.</summary>
    public IReadOnlyList<string> Compared { get; init; } = [];

    public BriefFilter Filter { get; init; } = BriefFilter.None;

    /// <summary><see cref="Query"/> and then <see cref="Compared"/>.</summary>
    public IReadOnlyList<string> Queries => [Query, .. Compared];

    /// <summary>The brief filter with this request's dates.</summary>
    public BriefFilter EffectiveFilter => Filter with { From = From, To = To };

    public string? Validate()
    {
        if (Queries.Count > MaxThemes) return $"At most {MaxThemes} themes can be compared (got {Queries.Count} q values).";
        foreach (var query in Queries)
        {
            if (string.IsNullOrWhiteSpace(query)) return "q is required: the theme to look for, e.g. q=AI sovereignty.";
            if (query.Length > SearchRequest.MaxQueryLength) return $"The query is {query.Length:N0} characters long; the limit is {SearchRequest.MaxQueryLength:N0}.";
        }
        if (Size is < 1 or > MaxSize) return $"size must be between 1 and {MaxSize} (got {Size}).";
        if (From is { } from && To is { } to && from > to) return $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).";
        return EffectiveFilter.Validate();
    }
}
