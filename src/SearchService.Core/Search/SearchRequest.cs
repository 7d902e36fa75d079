namespace SearchService.Core.Search;

/// <summary>A search as the API and CLI ask for it.</summary>
public sealed record SearchRequest(string? Query, int Page = 1, int Size = 10)
{
    /// <summary>A pasted text (a finding, a speech, a draft) is a query too: above <see cref="LongQuery.MinWords"/> words it is read as "briefs like this".</summary>
    public const int MaxQueryLength = 100_000;
    public const int MaxSize = 100;
    public const int MaxDepth = 10_000;

    /// <summary>
    /// The <see cref="ISearchMode"/> that finds matches: keyword, which every searcher has, unless another is asked
    /// for. A request from a person gets the searcher's default instead (<see cref="SearchModes.DefaultOf"/>).
    /// </summary>
    public string Mode { get; init; } = KeywordSearchMode.ModeName;
    public BriefFilter Filter { get; init; } = BriefFilter.None;
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public SearchBoost Boost { get; init; } = SearchBoost.None;

    /// <summary>Why this request cannot be run, in words for the person who sent it; null when it is fine.</summary>
    public string? Validate()
    {
        if (Query is { Length: > MaxQueryLength })
            return $"The query is {Query.Length:N0} characters long; the limit is {MaxQueryLength:N0}. Search with the part of the text that matters.";
        if (Page < 1) return $"page must be 1 or more (got {Page}).";
        if (Size is < 1 or > MaxSize) return $"size must be between 1 and {MaxSize} (got {Size}).";
        if ((long)Page * Size > MaxDepth) return $"page × size may not exceed {MaxDepth:N0} (got page {Page}, size {Size}); narrow the search instead of paging this deep.";
        return Filter.Validate();
    }
}
