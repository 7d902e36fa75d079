namespace SearchService.Core.Search;

/// <summary>
/// One way of finding the briefs that match a query (keyword, and later semantic or hybrid). A mode
/// only finds and scores matches; <see cref="BriefSearcher"/> then applies filters, counts facets over
/// what is left, applies boosts, sorts, pages and adds snippets, the same for every mode.
/// </summary>
public interface ISearchMode
{
    /// <summary>The name requests use (<c>mode=keyword</c>), lower case.</summary>
    string Name { get; }

    /// <summary>
    /// Every brief that matches <paramref name="request"/>'s query with its final ranking score (after
    /// any fusion), ignoring filters, sort and paging. Modes that rank by brief id turn their ids into
    /// matches with <see cref="SearchSnapshot.Resolve"/>. Never called for an empty query.
    /// </summary>
    internal ModeMatches Match(SearchRequest request, SearchSnapshot snapshot);

    /// <summary>
    /// Encodes <paramref name="request"/>'s query for <see cref="Match"/> (given to it as <see cref="SearchSnapshot.Encoded"/>),
    /// without holding a thread while the encoder works; null when this mode encodes nothing ahead.
    /// </summary>
    internal Task<EncodedQuery?> EncodeAsync(SearchRequest request, CancellationToken cancellationToken) => Task.FromResult<EncodedQuery?>(null);
}
