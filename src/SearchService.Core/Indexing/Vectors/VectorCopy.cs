using System.Numerics.Tensors;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// A small segment's vectors of one field, copied into one array (row <c>i</c> belongs to document <c>Docs[i]</c>):
/// scanning it exactly costs less than an HNSW search would, and needs no build.
/// </summary>
internal sealed class VectorCopy
{
    private VectorCopy(int[] docs, float[] matrix, int dimensions)
    {
        Docs = docs;
        Matrix = matrix;
        Dimensions = dimensions;
    }

    public int[] Docs { get; }
    public float[] Matrix { get; }
    public int Dimensions { get; }

    public ReadOnlySpan<float> Row(int row) => Matrix.AsSpan((int)VectorLayout.Offset(row, Dimensions), Dimensions);

    public static VectorCopy Read(AtomicReader reader, string field, int dimensions, int[] docs)
    {
        var matrix = new float[VectorLayout.ArrayLength(docs.Length, dimensions)];
        var values = BinaryValues.Of(reader, field)!;
        for (var row = 0; row < docs.Length; row++)
        {
            var bytes = values.Get(docs[row]);
            SegmentVectors.CheckLength(bytes, field, dimensions);
            VectorCodec.Read(bytes, matrix.AsSpan((int)VectorLayout.Offset(row, dimensions), dimensions));
        }
        return new VectorCopy(docs, matrix, dimensions);
    }

    /// <summary>Offers rows [start, end) that pass <paramref name="live"/> and <paramref name="accepted"/> to <paramref name="best"/>.</summary>
    public void Scan(ReadOnlySpan<float> query, int start, int end, IBits? live, IBits? accepted, int docBase, int k, PriorityQueue<(int Doc, float Score), float> best)
    {
        for (var row = start; row < end; row++)
        {
            var doc = Docs[row];
            if (live is not null && !live.Get(doc)) continue;
            if (accepted is not null && !accepted.Get(doc)) continue;
            var score = TensorPrimitives.Dot(query, Row(row));
            TopK.Offer(best, (docBase + doc, score), score, k);
        }
    }
}
