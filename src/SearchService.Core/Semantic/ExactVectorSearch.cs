using System.Numerics.Tensors;
using Lucene.Net.Search;
using SearchService.Core.Search;

namespace SearchService.Core.Semantic;

/// <summary>
/// Exact nearest neighbours by dot product (cosine: vectors are normalised) over every live document
/// that has a vector, with SIMD. Brute force is exact and fast enough for tens of thousands of
/// passages; an approximate index can replace this class behind the same call.
/// </summary>
internal static class ExactVectorSearch
{
    /// <summary>
    /// Rows one thread scans at least: a larger segment is split between the cores. Scanning is bound by memory
    /// bandwidth (3 KB per combined vector: SciFact's 13,300 passages are 41 MB), and two cores read it faster than one.
    /// </summary>
    private const int RowsPerThread = 4096;

    /// <summary>
    /// The <paramref name="k"/> documents (top-level doc ids) nearest <paramref name="query"/> in
    /// <paramref name="field"/>, best first; only documents <paramref name="filter"/> accepts, when given.
    /// </summary>
    public static List<(int Doc, float Score)> Nearest(IndexSearcher searcher, string field, float[] query, int k, Filter? filter = null)
    {
        var slices = new List<Slice>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var vectors = SegmentVectors.For(leaf.AtomicReader, field, query.Length);
            if (vectors.Docs.Length == 0) continue;
            var live = leaf.AtomicReader.LiveDocs;
            var accepted = filter is null ? null : Accepted(filter, leaf, live);
            if (filter is not null && accepted is null) continue;
            var parts = Math.Clamp(vectors.Docs.Length / RowsPerThread, 1, Environment.ProcessorCount);
            for (var part = 0; part < parts; part++)
                slices.Add(new Slice(leaf.DocBase, vectors, live, accepted, vectors.Docs.Length * part / parts, vectors.Docs.Length * (part + 1) / parts));
        }

        var best = new PriorityQueue<(int Doc, float Score), float>(k + 1);
        if (slices.Count == 1) Scan(slices[0], query, k, best);
        else if (slices.Count > 1)
        {
            var partial = new PriorityQueue<(int Doc, float Score), float>[slices.Count];
            Parallel.For(0, slices.Count, i => Scan(slices[i], query, k, partial[i] = new PriorityQueue<(int Doc, float Score), float>(k + 1)));
            foreach (var queue in partial)
                foreach (var (hit, score) in queue.UnorderedItems) TopK.Offer(best, hit, score, k);
        }
        return TopK.BestFirst(best);
    }

    /// <summary>Rows [Start, End) of one segment's vectors, with the segment's live and accepted documents.</summary>
    private sealed record Slice(int DocBase, SegmentVectors Vectors, Lucene.Net.Util.IBits? Live, Lucene.Net.Util.IBits? Accepted, int Start, int End);

    private static void Scan(Slice slice, float[] query, int k, PriorityQueue<(int Doc, float Score), float> best)
    {
        var matrix = slice.Vectors.Matrix.AsSpan();
        var docs = slice.Vectors.Docs;
        for (var row = slice.Start; row < slice.End; row++)
        {
            var doc = docs[row];
            if (slice.Live is not null && !slice.Live.Get(doc)) continue;
            if (slice.Accepted is not null && !slice.Accepted.Get(doc)) continue;
            var score = TensorPrimitives.Dot(query, matrix.Slice(row * query.Length, query.Length));
            TopK.Offer(best, (slice.DocBase + doc, score), score, k);
        }
    }

    /// <summary>The documents of a segment the filter accepts, as random-access bits (null: none).</summary>
    private static Lucene.Net.Util.IBits? Accepted(Filter filter, Lucene.Net.Index.AtomicReaderContext leaf, Lucene.Net.Util.IBits? live)
    {
        var set = filter.GetDocIdSet(leaf, live);
        if (set is null) return null;
        if (set.Bits is { } bits) return bits;
        // Filters that only iterate (no random access) are copied into a bit set once per segment.
        var copy = new Lucene.Net.Util.FixedBitSet(leaf.AtomicReader.MaxDoc);
        var iterator = set.GetIterator();
        if (iterator is not null) copy.Or(iterator);
        return copy;
    }

    /// <summary>The vector stored for one top-level document, or null.</summary>
    public static float[]? VectorOf(IndexSearcher searcher, string field, int doc, int dimensions)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[Lucene.Net.Index.ReaderUtil.SubIndex(doc, leaves)];
        var vectors = SegmentVectors.For(leaf.AtomicReader, field, dimensions);
        var row = Array.BinarySearch(vectors.Docs, doc - leaf.DocBase);
        return row < 0 ? null : vectors.Matrix.AsSpan(row * dimensions, dimensions).ToArray();
    }
}
