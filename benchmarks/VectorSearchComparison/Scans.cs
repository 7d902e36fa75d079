using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SearchService.Core.Indexing;

namespace VectorSearchComparison;

/// <summary>Exact search by float dot product: the ground truth, and the scan the service does today.</summary>
internal static class ExactScan
{
    private const int Block = 2048;

    /// <summary>The <paramref name="k"/> nearest rows of every query, best first, in one pass over the rows (parallel by block).</summary>
    public static long[][] TopK(IRowSource rows, float[][] queries, int k, Func<long, bool>? accept = null)
    {
        var dimensions = rows.Dimensions;
        var blocks = (rows.Count + Block - 1) / Block;
        var partials = new System.Collections.Concurrent.ConcurrentBag<PriorityQueue<long, float>[]>();
        Parallel.For(0L, blocks, () => Heaps(queries.Length, k), (block, _, heaps) =>
        {
            var buffer = new float[dimensions];
            var first = block * Block;
            var end = Math.Min(rows.Count, first + Block);
            for (var row = first; row < end; row++)
            {
                if (accept is not null && !accept(row)) continue;
                rows.Row(row, buffer);
                for (var q = 0; q < queries.Length; q++) Offer(heaps[q], row, TensorPrimitives.Dot(queries[q], buffer), k);
            }
            return heaps;
        }, partials.Add);
        var merged = Heaps(queries.Length, k);
        foreach (var heaps in partials)
            for (var q = 0; q < queries.Length; q++)
                foreach (var (row, score) in heaps[q].UnorderedItems) Offer(merged[q], row, score, k);
        return merged.Select(BestFirst).ToArray();
    }

    /// <summary>One query against an in-memory matrix, on one thread: the cost of today's scan.</summary>
    public static long[] Scan(MatrixRows rows, float[] query, int k)
    {
        var heap = new PriorityQueue<long, float>(k + 1);
        var matrix = rows.Matrix.AsSpan();
        var dimensions = rows.Dimensions;
        for (long row = 0; row < rows.Count; row++)
            Offer(heap, row, TensorPrimitives.Dot(query, matrix.Slice((int)(row * dimensions), dimensions)), k);
        return BestFirst(heap);
    }

    /// <summary>Re-orders candidates by their exact float score and keeps the best <paramref name="k"/>.</summary>
    public static long[] Rescore(IRowSource rows, float[] query, ReadOnlySpan<ulong> candidates, int k)
    {
        var heap = new PriorityQueue<long, float>(k + 1);
        Span<float> buffer = stackalloc float[rows.Dimensions];
        foreach (var candidate in candidates)
        {
            rows.Row((long)candidate, buffer);
            Offer(heap, (long)candidate, TensorPrimitives.Dot(query, buffer), k);
        }
        return BestFirst(heap);
    }

    public static PriorityQueue<long, float>[] Heaps(int count, int k) =>
        Enumerable.Range(0, count).Select(_ => new PriorityQueue<long, float>(k + 1)).ToArray();

    public static void Offer(PriorityQueue<long, float> heap, long row, float score, int k)
    {
        if (heap.Count < k) heap.Enqueue(row, score);
        else if (heap.TryPeek(out _, out var worst) && score > worst) heap.EnqueueDequeue(row, score);
    }

    public static long[] BestFirst(PriorityQueue<long, float> heap)
    {
        var ranked = new long[heap.Count];
        for (var i = ranked.Length - 1; i >= 0; i--) ranked[i] = heap.Dequeue();
        return ranked;
    }
}

/// <summary>
/// Exact search over int8 copies (each vector scaled by its own largest component to ±127): a quarter of the
/// bytes of float, scanned with AVX2, the best candidates re-scored with the floats.
/// </summary>
internal sealed unsafe class Int8Flat : IDisposable
{
    private readonly sbyte* _codes;
    private readonly float[] _scales;
    private readonly int _dimensions;

    public long Count { get; }
    public long Bytes => Count * _dimensions + Count * sizeof(float);

    public Int8Flat(IRowSource rows)
    {
        Count = rows.Count;
        _dimensions = rows.Dimensions;
        _codes = (sbyte*)NativeMemory.Alloc((nuint)(Count * _dimensions));
        _scales = new float[Count];
        var codes = _codes;
        Parallel.For(0L, (Count + 4095) / 4096, block =>
        {
            var buffer = new float[_dimensions];
            for (var row = block * 4096; row < Math.Min(Count, (block + 1) * 4096); row++)
            {
                rows.Row(row, buffer);
                _scales[row] = Quantise(buffer, new Span<sbyte>(codes + row * _dimensions, _dimensions));
            }
        });
    }

    /// <summary>Writes the codes of <paramref name="vector"/>; returns the scale that turns their dot products back into floats.</summary>
    public static float Quantise(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = MathF.Abs(TensorPrimitives.MaxMagnitude(vector)); // the component of largest magnitude, with its sign
        var scale = max > 0 ? 127f / max : 0;
        for (var d = 0; d < vector.Length; d++) codes[d] = (sbyte)Math.Round(vector[d] * scale);
        return max > 0 ? max / 127f : 0;
    }

    /// <summary>The <paramref name="k"/> rows with the largest int8 dot product with the query, best first (one thread).</summary>
    public long[] Scan(float[] query, int k)
    {
        var codes = new sbyte[_dimensions];
        Quantise(query, codes);
        var heap = new PriorityQueue<long, float>(k + 1);
        fixed (sbyte* q = codes)
        {
            for (long row = 0; row < Count; row++)
                ExactScan.Offer(heap, row, Dot(q, _codes + row * _dimensions, _dimensions) * _scales[row], k);
        }
        return ExactScan.BestFirst(heap);
    }

    private static int Dot(sbyte* a, sbyte* b, int length)
    {
        var sum = Vector256<int>.Zero;
        var i = 0;
        if (Avx2.IsSupported)
        {
            for (; i + 32 <= length; i += 32)
            {
                var x = Avx.LoadVector256(a + i);
                var y = Avx.LoadVector256(b + i);
                sum = Avx2.Add(sum, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(x.GetLower()), Avx2.ConvertToVector256Int16(y.GetLower())));
                sum = Avx2.Add(sum, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(x.GetUpper()), Avx2.ConvertToVector256Int16(y.GetUpper())));
            }
        }
        var total = Vector256.Sum(sum);
        for (; i < length; i++) total += a[i] * b[i];
        return total;
    }

    public void Dispose() => NativeMemory.Free(_codes);
}
