using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Indexing;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// Nearest neighbours by dot product (cosine: vectors are normalised) over every live document that has a vector:
/// exact in small segments, through each large segment's HNSW index with the candidates re-scored exactly (see
/// <see cref="VectorStore"/>). Works on searchers from <see cref="BriefIndex"/>, which know their index's vectors.
/// </summary>
internal static class VectorSearch
{
    /// <summary>
    /// The <paramref name="k"/> documents (top-level doc ids) nearest <paramref name="query"/> in
    /// <paramref name="field"/>, best first; only documents <paramref name="filter"/> accepts, when given.
    /// </summary>
    public static List<(int Doc, float Score)> Nearest(IndexSearcher searcher, string field, float[] query, int k, Filter? filter = null)
    {
        var store = Store(searcher);
        var work = new List<Action<float[], PriorityQueue<(int Doc, float Score), float>>>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var vectors = store.For(leaf, field, query.Length);
            if (vectors.Count == 0) continue;
            var live = leaf.AtomicReader.LiveDocs;
            var accepted = filter is null ? null : Accepted(filter, leaf, live);
            if (filter is not null && accepted is null) continue;
            vectors.PlanNearest(k, live, accepted, work);
        }

        var best = new PriorityQueue<(int Doc, float Score), float>(k + 1);
        // A background worker's search stays on its own low-priority thread: fanned out to the pool, it would take
        // cores from requests at their priority.
        if (work.Count == 1 || BackgroundPriority.CurrentThreadLowered) work.ForEach(search => search(query, best));
        else if (work.Count > 1)
        {
            var partial = new PriorityQueue<(int Doc, float Score), float>[work.Count];
            Parallel.For(0, work.Count, i => work[i](query, partial[i] = new PriorityQueue<(int Doc, float Score), float>(k + 1)));
            foreach (var queue in partial)
                foreach (var (hit, score) in queue.UnorderedItems) TopK.Offer(best, hit, score, k);
        }
        return TopK.BestFirst(best);
    }

    /// <summary>True when some segment of <paramref name="field"/> is searched through an HNSW graph: a wider walk could find more there.</summary>
    public static bool Approximate(IndexSearcher searcher, string field, int dimensions) =>
        searcher.IndexReader.Leaves.Any(leaf => Segment(searcher, leaf, field, dimensions) is { Count: > 0, Approximate: true });

    /// <summary>The vectors of <paramref name="field"/> in one segment of <paramref name="searcher"/>.</summary>
    public static SegmentVectors Segment(IndexSearcher searcher, AtomicReaderContext leaf, string field, int dimensions) =>
        Store(searcher).For(leaf, field, dimensions);

    /// <summary>The vectors of the index <paramref name="searcher"/> reads.</summary>
    public static VectorStore Store(IndexSearcher searcher) =>
        (searcher as BriefIndexSearcher)?.Vectors
        ?? throw new ArgumentException("Vector search needs a searcher from BriefIndex.AcquireSearcher(), which knows the index's vector files.", nameof(searcher));

    /// <summary>The documents of a segment the filter accepts, as random-access bits (null: none).</summary>
    private static IBits? Accepted(Filter filter, AtomicReaderContext leaf, IBits? live)
    {
        var set = filter.GetDocIdSet(leaf, live);
        if (set is null) return null;
        if (set.Bits is { } bits) return bits;
        // Filters that only iterate (no random access) are copied into a bit set once per segment.
        var copy = new FixedBitSet(leaf.AtomicReader.MaxDoc);
        var iterator = set.GetIterator();
        if (iterator is not null) copy.Or(iterator);
        return copy;
    }
}
