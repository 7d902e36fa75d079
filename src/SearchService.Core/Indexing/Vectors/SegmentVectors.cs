using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// One segment's vectors of one field, as one reader sees them: one document's vector, the vectors of a range of
/// documents, or the nearest documents to a query. Small segments answer from an in-memory copy; large ones read the
/// floats from doc values (through the file cache) and search through their HNSW file. Cheap to create: get one
/// from <see cref="VectorSearch.Segment"/> or <see cref="VectorStore.For"/> for the reader at hand.
/// </summary>
internal sealed class SegmentVectors
{
    /// <summary>Rows one thread scans at least: a larger exact scan is split between the cores (it is bound by memory bandwidth).</summary>
    private const int RowsPerThread = 4096;

    private readonly AtomicReaderContext _leaf;
    private readonly SegmentVectorIndex _index;
    private readonly VectorStore _store;
    private ThreadValues? _values;

    internal SegmentVectors(AtomicReaderContext leaf, SegmentVectorIndex index, VectorStore store)
    {
        _leaf = leaf;
        _index = index;
        _store = store;
    }

    public int Dimensions => _index.Dimensions;

    /// <summary>True when searches of this segment go through an HNSW index (once its file exists), false when they scan an in-memory copy.</summary>
    public bool IsIndexed => _index.HnswPath is not null;

    /// <summary>Documents of the segment that have a vector.</summary>
    public int Count => _index.Docs.Length;

    /// <summary>True when this segment is searched through an HNSW graph (a large segment), not scanned exactly.</summary>
    internal bool Approximate => _index.Copy is null;

    /// <summary>The segment's documents that have a vector, ascending (deleted ones included: check live docs).</summary>
    public ReadOnlySpan<int> Docs => _index.Docs;

    /// <summary>The vector of segment document <paramref name="segmentDoc"/> (a new array), or null when it has none.</summary>
    public float[]? Vector(int segmentDoc)
    {
        if (_index.Copy is { } copy)
        {
            var row = Array.BinarySearch(copy.Docs, segmentDoc);
            return row < 0 ? null : copy.Row(row).ToArray();
        }
        if (Array.BinarySearch(_index.Docs, segmentDoc) < 0) return null;
        var vector = new float[Dimensions];
        var bytes = Values().Get(segmentDoc);
        CheckLength(bytes, _index.Field, Dimensions);
        VectorCodec.Read(bytes, vector);
        return vector;
    }

    /// <summary>Dot product of <paramref name="query"/> with segment document <paramref name="segmentDoc"/>'s vector (cosine: both are normalised); NaN when it has none.</summary>
    public float Dot(int segmentDoc, ReadOnlySpan<float> query)
    {
        if (_index.Copy is { } copy)
        {
            var row = Array.BinarySearch(copy.Docs, segmentDoc);
            return row < 0 ? float.NaN : TensorPrimitives.Dot(query, copy.Row(row));
        }
        if (Array.BinarySearch(_index.Docs, segmentDoc) < 0) return float.NaN;
        return TensorPrimitives.Dot(query, Floats(Values().Get(segmentDoc), _index.Field, Dimensions));
    }

    /// <summary>
    /// The vectors of the segment documents in [<paramref name="firstDoc"/>, <paramref name="endDoc"/>) that have one, in
    /// document order, at most <paramref name="limit"/> of them, as one row-major array (rows × <see cref="Dimensions"/>).
    /// </summary>
    public float[] Rows(int firstDoc, int endDoc, int limit)
    {
        var docs = _index.Docs;
        var first = LowerBound(docs, firstDoc);
        var rows = Math.Min(LowerBound(docs, endDoc) - first, limit);
        if (rows <= 0) return [];
        var matrix = new float[VectorLayout.ArrayLength(rows, Dimensions)];
        if (_index.Copy is { } copy)
        {
            copy.Matrix.AsSpan((int)VectorLayout.Offset(first, Dimensions), matrix.Length).CopyTo(matrix);
            return matrix;
        }
        var values = Values();
        for (var row = 0; row < rows; row++)
        {
            Floats(values.Get(docs[first + row]), _index.Field, Dimensions).CopyTo(matrix.AsSpan((int)VectorLayout.Offset(row, Dimensions), Dimensions));
        }
        return matrix;
    }

    /// <summary>
    /// Adds to <paramref name="work"/> the searches that find this segment's <paramref name="k"/> documents nearest the
    /// query among those <paramref name="live"/> and <paramref name="accepted"/> let through (null: all).
    /// </summary>
    internal void PlanNearest(int k, IBits? live, IBits? accepted, List<Action<float[], PriorityQueue<(int Doc, float Score), float>>> work)
    {
        var docBase = _leaf.DocBase;
        if (_index.Copy is { } copy)
        {
            foreach (var (start, end) in Parts(copy.Docs.Length))
                work.Add((query, best) => copy.Scan(query, start, end, live, accepted, docBase, k, best));
            return;
        }

        var options = _store.Options;
        // A filter that lets few documents through: reading just those is cheaper and exact, and a graph walk
        // would have to pass many rejected nodes to find enough accepted ones.
        if (accepted is not null && !MoreAcceptedThan(accepted, Math.Max(options.ExactScanMaxRows, (int)(Count * options.ExactScanMaxAcceptedShare))))
        {
            AddDocValuesScan(k, live, accepted, work);
            return;
        }
        if (_index.Hnsw(_store, _leaf.AtomicReader) is { } hnsw)
        {
            work.Add((query, best) => SearchHnsw(hnsw, query, k, live, accepted, best));
            return;
        }
        // No HNSW file yet (an index from before them, or one whose build failed): exact, reading doc values in place.
        AddDocValuesScan(k, live, accepted, work);
    }

    private void SearchHnsw(HnswIndex hnsw, float[] query, int k, IBits? live, IBits? accepted, PriorityQueue<(int Doc, float Score), float> best)
    {
        var candidates = Math.Min(_store.Options.CandidatesFor(k), Count);
        var keys = new ulong[candidates];
        var distances = new float[candidates];
        var found = hnsw.Search(query, keys, distances, live, accepted);
        if (found < Math.Min(k, Count) && (live is not null || accepted is not null))
        {
            // The walk found too few documents that pass the filters: answer exactly instead.
            ScanDocValues(query, 0, Count, k, live, accepted, best);
            return;
        }
        // The nearest candidates are re-scored with the float vectors: the graph holds int8 copies, whose order near the
        // top is approximate. Each float read is a file read, so the rest keep the graph's cosine (from its distance),
        // scaled by how the exact scores compare with it on the re-scored ones (int8 rounding shrinks an inner product
        // by a share, not an amount), and never above them.
        var rescored = Math.Min(found, _store.Options.RescoredCandidates);
        var values = Values();
        var docBase = _leaf.DocBase;
        var exactSum = 0.0;
        var graphSum = 0.0;
        var lowest = float.MaxValue;
        for (var i = 0; i < rescored; i++)
        {
            var doc = (int)keys[i];
            var score = TensorPrimitives.Dot(query, Floats(values.Get(doc), _index.Field, Dimensions));
            exactSum += score;
            graphSum += hnsw.Similarity(distances[i]);
            lowest = Math.Min(lowest, score);
            TopK.Offer(best, (docBase + doc, score), score, k);
        }
        var scale = exactSum > 0 && graphSum > 0 ? (float)(exactSum / graphSum) : 1f;
        for (var i = rescored; i < found; i++)
        {
            var score = Math.Min(lowest, hnsw.Similarity(distances[i]) * scale);
            TopK.Offer(best, (docBase + (int)keys[i], score), score, k);
        }
    }

    private void AddDocValuesScan(int k, IBits? live, IBits? accepted, List<Action<float[], PriorityQueue<(int Doc, float Score), float>>> work)
    {
        foreach (var (start, end) in Parts(Count))
            work.Add((query, best) => ScanDocValues(query, start, end, k, live, accepted, best));
    }

    /// <summary>Exact scan of rows [start, end), reading each vector from doc values in place (no copy is kept).</summary>
    private void ScanDocValues(float[] query, int start, int end, int k, IBits? live, IBits? accepted, PriorityQueue<(int Doc, float Score), float> best)
    {
        var values = Values();
        var docs = _index.Docs;
        var docBase = _leaf.DocBase;
        for (var row = start; row < end; row++)
        {
            var doc = docs[row];
            if (live is not null && !live.Get(doc)) continue;
            if (accepted is not null && !accepted.Get(doc)) continue;
            var score = TensorPrimitives.Dot(query, Floats(values.Get(doc), _index.Field, Dimensions));
            TopK.Offer(best, (docBase + doc, score), score, k);
        }
    }

    /// <summary>True when more than <paramref name="limit"/> of the segment's vector documents are accepted (stops counting there).</summary>
    private bool MoreAcceptedThan(IBits accepted, int limit)
    {
        if (accepted is FixedBitSet set && set.Cardinality <= limit) return false;
        var count = 0;
        foreach (var doc in _index.Docs)
        {
            if (accepted.Get(doc) && ++count > limit) return true;
        }
        return false;
    }

    private static IEnumerable<(int Start, int End)> Parts(int rows)
    {
        var parts = Math.Clamp(rows / RowsPerThread, 1, Environment.ProcessorCount);
        for (var part = 0; part < parts; part++)
            yield return ((int)((long)rows * part / parts), (int)((long)rows * (part + 1) / parts));
    }

    private static int LowerBound(int[] sorted, int value)
    {
        var index = Array.BinarySearch(sorted, value);
        return index >= 0 ? index : ~index;
    }

    /// <summary>
    /// This segment's vector doc values for the calling thread (reads reuse one buffer), kept for the next call on the
    /// same thread: a brief's passages are scored one <see cref="Dot"/> at a time.
    /// </summary>
    private BinaryValues Values()
    {
        var thread = Environment.CurrentManagedThreadId;
        if (_values is { } kept && kept.Thread == thread) return kept.Values;
        var values = BinaryValues.Of(_leaf.AtomicReader, _index.Field)!;
        _values = new ThreadValues(thread, values);
        return values;
    }

    /// <summary>Doc values belong to the thread that read them; planned searches run on several.</summary>
    private sealed record ThreadValues(int Thread, BinaryValues Values);

    /// <summary>The floats held in <paramref name="bytes"/>, without copying them.</summary>
    private static ReadOnlySpan<float> Floats(BytesRef bytes, string field, int dimensions)
    {
        CheckLength(bytes, field, dimensions);
        return MemoryMarshal.Cast<byte, float>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
    }

    internal static void CheckLength(BytesRef bytes, string field, int dimensions)
    {
        if (bytes.Length != dimensions * sizeof(float))
            throw new InvalidDataException($"A vector in field '{field}' has {bytes.Length / sizeof(float)} dimensions, expected {dimensions}: the index was built with another model. Rebuild it.");
    }
}
