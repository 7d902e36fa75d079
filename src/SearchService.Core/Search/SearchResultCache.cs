using System.Text;
using Lucene.Net.Index;
using SearchService.Core.Caching;

namespace SearchService.Core.Search;

/// <summary>
/// Results of recent searches of one index generation, keyed by the whole request and the version of the index
/// they were computed on: any commit (upload, update, delete) changes the version, so nothing stale is served; a
/// reindex swaps in a generation with a cache of its own. The synonyms' version is part of the key too, so a change
/// of synonyms is searched anew. Bounded, least recently used dropped.
/// </summary>
public sealed class SearchResultCache(int capacity = SearchResultCache.DefaultCapacity) : IDisposable
{
    public const int DefaultCapacity = 2_000;
    private readonly ReaderVersionCache<SearchResults> _results = new(capacity);

    /// <summary>The cache of <paramref name="index"/>: one per generation, dropped with it.</summary>
    public static SearchResultCache For(Indexing.BriefIndex index, int capacity = DefaultCapacity) => index.Derived("search-results", () => new SearchResultCache(capacity));

    internal bool TryGet(IndexReader reader, Synonyms.SynonymSet synonyms, SearchRequest request, out SearchResults results) =>
        _results.TryGet(reader, Key(synonyms, request), out results);

    internal void Set(IndexReader reader, Synonyms.SynonymSet synonyms, SearchRequest request, SearchResults results) =>
        _results.Set(reader, Key(synonyms, request), results);

    /// <summary>The request in full, and the version of the synonyms it was expanded with (a change of synonyms is a new answer).</summary>
    private static string Key(Synonyms.SynonymSet synonyms, SearchRequest request)
    {
        var key = new StringBuilder();
        key.Append(synonyms.Version).Append('\n')
            .Append(request.Mode).Append('\n').Append(request.Page).Append('\n').Append(request.Size).Append('\n')
            .Append(request.Sort).Append('\n').Append(request.Boost).Append('\n');
        var filter = request.Filter;
        foreach (var values in new[] { filter.Tags, filter.Authors, filter.Types, filter.Publishers })
            key.AppendJoin('\u001f', values).Append('\n');
        key.Append(filter.From?.ToString("o")).Append('\n').Append(filter.To?.ToString("o")).Append('\n').Append(request.Query);
        return key.ToString();
    }

    public void Dispose() => _results.Dispose();
}
