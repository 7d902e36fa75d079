using Lucene.Net.Search;

namespace SearchService.Core.Indexing;

/// <summary>
/// One point-in-time searcher of a <see cref="BriefIndex"/>, held until disposed (<c>using var lease = index.AcquireSearcher();</c>).
/// Document numbers read from <see cref="Searcher"/> are valid only while the lease is held: a later searcher may
/// number the same briefs differently once segments merge.
/// </summary>
internal sealed class SearcherLease : IDisposable
{
    private readonly SearcherManager _searchers;
    private int _released;

    internal SearcherLease(SearcherManager searchers)
    {
        _searchers = searchers;
        Searcher = searchers.Acquire();
    }

    /// <summary>The leased searcher; do not use it after the lease is disposed.</summary>
    public IndexSearcher Searcher { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _searchers.Release(Searcher);
    }
}
