using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Core.Related;

/// <summary>
/// Reads one brief's vectors from the index's doc values when scoring needs them: the brief's own vector, and
/// the vectors of its passages (the documents that follow the brief's document in its block). Nothing is copied
/// for the whole index.
/// </summary>
internal static class BriefVectors
{
    /// <summary>The vector of brief document <paramref name="doc"/> (top-level id), or null when the index holds none.</summary>
    public static float[]? Brief(IList<AtomicReaderContext> leaves, int doc)
    {
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return Read(leaf.AtomicReader, IndexFields.BriefVector, doc - leaf.DocBase);
    }

    /// <summary>The vectors of the brief's passages, in order, at most <paramref name="limit"/>, as one row-major array.</summary>
    public static float[] Passages(IList<AtomicReaderContext> leaves, int briefDoc, int dimensions, int limit)
    {
        var rows = new List<float[]>();
        ForEachPassage(leaves, briefDoc, dimensions, limit, passage => rows.Add(passage.ToArray()));
        var matrix = new float[rows.Count * dimensions];
        for (var i = 0; i < rows.Count; i++) rows[i].CopyTo(matrix, i * dimensions);
        return matrix;
    }

    /// <summary>
    /// The highest cosine between any row of <paramref name="sourceRows"/> and any passage of the brief (NaN when either
    /// has none). The passages are compared where doc values put their bytes, never copied into arrays: a related list
    /// compares its source with every passage of a couple of hundred candidates.
    /// </summary>
    public static float BestPassageCosine(IList<AtomicReaderContext> leaves, int briefDoc, float[] sourceRows, int dimensions)
    {
        if (sourceRows.Length == 0) return float.NaN;
        var best = float.NegativeInfinity;
        ForEachPassage(leaves, briefDoc, dimensions, int.MaxValue, passage =>
        {
            for (var i = 0; i < sourceRows.Length; i += dimensions) best = Math.Max(best, TensorPrimitives.Dot(sourceRows.AsSpan(i, dimensions), passage));
        });
        return float.IsNegativeInfinity(best) ? float.NaN : best;
    }

    private delegate void PassageAction(ReadOnlySpan<float> passage);

    /// <summary>Each passage vector of the brief in order (a view of the doc values' bytes, valid during the call), at most <paramref name="limit"/>.</summary>
    private static void ForEachPassage(IList<AtomicReaderContext> leaves, int briefDoc, int dimensions, int limit, PassageAction action)
    {
        var leaf = leaves[ReaderUtil.SubIndex(briefDoc, leaves)];
        var reader = leaf.AtomicReader;
        if (reader.GetDocsWithField(IndexFields.Vector) is not { } present) return;
        var values = BinaryValues.Of(reader, IndexFields.Vector)!;
        var count = 0;
        // A brief's passages are written right after it in one block; the first document without a vector ends them.
        for (var doc = briefDoc - leaf.DocBase + 1; doc < reader.MaxDoc && count < limit && present.Get(doc); doc++, count++)
        {
            var bytes = values.Get(doc);
            if (bytes.Length != dimensions * sizeof(float)) break;
            action(MemoryMarshal.Cast<byte, float>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length)));
        }
    }

    private static float[]? Read(AtomicReader reader, string field, int doc)
    {
        if (reader.GetDocsWithField(field) is not { } present || !present.Get(doc)) return null;
        var bytes = BinaryValues.Of(reader, field)!.Get(doc);
        var vector = new float[bytes.Length / sizeof(float)];
        VectorCodec.Read(bytes, vector);
        return vector;
    }
}
