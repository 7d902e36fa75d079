using SearchService.Core.Queries;

namespace SearchService.Core.Search;

/// <summary>
/// What an <see cref="ISearchMode"/> found: the matched briefs with scores, a corrected query when it
/// corrected the user's spelling, and the words snippets should highlight when they differ from the
/// query typed (null: highlight the query). <see cref="Evidence"/> holds, per matched brief document,
/// the passage documents that matched by meaning, best first: they become snippets even when they
/// share no word with the query.
/// </summary>
internal sealed record ModeMatches(IReadOnlyList<BriefMatch> Matches, string? DidYouMean = null, UserQuery? Highlight = null)
{
    public IReadOnlyDictionary<int, IReadOnlyList<int>>? Evidence { get; init; }
}
