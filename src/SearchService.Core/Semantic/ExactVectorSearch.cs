using System.Numerics.Tensors;
using Lucene.Net.Search;

namespace SearchService.Core.Semantic;

/// <summary>
/// Exact nearest neighbours by dot product (cosine: vectors are normalised) over every live document
/// that has a vector, with SIMD. Brute force is exact and fast enough for tens of thousands of
/// passages; an approximate index can replace this class behind the same call.
/// </summary>
internal static class ExactVectorSearch
{
    /// <summary>
    /// The <paramref name="k"/> documents (top-level doc ids) nearest <paramref name="query"/> in
    /// <paramref name="field"/>, best first; only documents <paramref name="filter"/> accepts, when given.
    /// </summary>
    public static List<(int Doc, float Score)> Nearest(IndexSearcher searcher, string field, float[] query, int k, Filter? filter = null)
    {
        var best = new PriorityQueue<(int Doc, float Score), float>(k + 1);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var vectors = SegmentVectors.For(leaf.AtomicReader, field, query.Length);
            if (vectors.Docs.Length == 0) continue;
            var live = leaf.AtomicReader.LiveDocs;
            var accepted = filter is null ? null : Accepted(filter, leaf, live);
            if (filter is not null && accepted is null) continue;
            var matrix = vectors.Matrix.AsSpan();
            for (var row = 0; row < vectors.Docs.Length; row++)
            {
                var doc = vectors.Docs[row];
                if (live is not null && !live.Get(doc)) continue;
                if (accepted is not null && !accepted.Get(doc)) continue;
                var score = TensorPrimitives.Dot(query, matrix.Slice(row * query.Length, query.Length));
                if (best.Count < k) best.Enqueue((leaf.DocBase + doc, score), score);
                else if (score > best.Peek().Score) best.EnqueueDequeue((leaf.DocBase + doc, score), score);
            }
        }
        var result = new List<(int Doc, float Score)>(best.Count);
        while (best.Count > 0) result.Add(best.Dequeue());
        result.Reverse();
        return result;
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
