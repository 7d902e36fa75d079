using System.Numerics.Tensors;
using Lucene.Net.Index;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Core.Related;

/// <summary>
/// The mean of the index's brief vectors. Sentence encoders put every text of one kind (here: public-policy reports)
/// in a narrow cone, so much of a raw cosine says "both are reports"; measured from the corpus's own centre, the
/// cosine says how two briefs differ from the rest (docs/related-evaluation.md). Summed once per segment (segments
/// never change; a replaced brief's old vector stays in its segment's sum until a merge drops it, which moves the
/// mean by a negligible amount) and owned by one index.
/// </summary>
internal sealed class CorpusVectorMean : IDisposable
{
    private readonly SegmentCache<SegmentSum> _sums;

    private CorpusVectorMean(SegmentBriefDocs briefDocs) =>
        _sums = new SegmentCache<SegmentSum>(reader => SegmentSum.Of(reader, briefDocs.InSegment(reader)));

    public static CorpusVectorMean Of(BriefIndex index) => index.Derived("corpus-vector-mean", () => new CorpusVectorMean(SegmentBriefDocs.Of(index)));

    /// <summary>The mean brief vector of a reader with <paramref name="leaves"/>, or null when it holds no brief vector.</summary>
    public float[]? Of(IList<AtomicReaderContext> leaves)
    {
        float[]? sum = null;
        var count = 0L;
        foreach (var leaf in leaves)
        {
            var segment = _sums.For(leaf.AtomicReader);
            if (segment.Count == 0) continue;
            sum ??= new float[segment.Sum.Length];
            if (segment.Sum.Length != sum.Length) continue;
            TensorPrimitives.Add(sum, segment.Sum, sum);
            count += segment.Count;
        }
        if (sum is null) return null;
        TensorPrimitives.Divide(sum, count, sum);
        return sum;
    }

    /// <summary>
    /// <paramref name="vector"/> (a unit vector) measured from <paramref name="mean"/> and scaled to unit length again,
    /// so that the dot product of two such vectors is their cosine about the corpus's centre.
    /// </summary>
    public static float[] Centred(float[] vector, float[] mean)
    {
        var centred = new float[vector.Length];
        TensorPrimitives.Subtract(vector, mean, centred);
        var norm = TensorPrimitives.Norm(centred);
        if (norm > 0) TensorPrimitives.Divide(centred, norm, centred);
        return centred;
    }

    public void Dispose() => _sums.Dispose();

    private sealed record SegmentSum(float[] Sum, int Count)
    {
        public static SegmentSum Of(AtomicReader reader, Lucene.Net.Util.FixedBitSet briefs)
        {
            if (reader.GetDocsWithField(IndexFields.BriefVector) is not { } present) return new SegmentSum([], 0);
            var values = BinaryValues.Of(reader, IndexFields.BriefVector)!;
            float[]? sum = null;
            float[]? vector = null;
            var count = 0;
            for (var doc = briefs.NextSetBit(0); doc >= 0; doc = doc + 1 < reader.MaxDoc ? briefs.NextSetBit(doc + 1) : -1)
            {
                if (!present.Get(doc)) continue;
                var bytes = values.Get(doc);
                var dimensions = bytes.Length / sizeof(float);
                sum ??= new float[dimensions];
                vector ??= new float[dimensions];
                if (dimensions != sum.Length) continue;
                VectorCodec.Read(bytes, vector);
                TensorPrimitives.Add(sum, vector, sum);
                count++;
            }
            return new SegmentSum(sum ?? [], count);
        }
    }
}
