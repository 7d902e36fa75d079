using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lucene.Net.Util;
using static SearchService.Core.Indexing.Vectors.USearchNative;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// An approximate nearest-neighbour graph (USearch HNSW) over quantised copies of vectors, keyed by
/// document number. Built in memory and saved to a file, or opened from that file as a read-only memory map, so
/// a reopened index costs neither a rebuild nor a copy in the managed heap.
/// </summary>
internal sealed unsafe class HnswIndex : IDisposable
{
    private readonly IndexHandle _handle;

    private readonly HnswSettings _settings;

    private HnswIndex(IndexHandle handle, int dimensions, HnswSettings settings)
    {
        _handle = handle;
        Dimensions = dimensions;
        _settings = settings;
    }

    public int Dimensions { get; }

    /// <summary>Vectors held.</summary>
    public long Count
    {
        get
        {
            var size = USearchNative.Size(_handle, out var error);
            Check(error, "count the vectors of an index");
            return (long)size;
        }
    }

    /// <summary>Native memory the index holds (a memory-mapped index counts only what is not mapped).</summary>
    public long MemoryUsage
    {
        get
        {
            var bytes = USearchNative.MemoryUsage(_handle, out var error);
            Check(error, "measure an index");
            return (long)bytes;
        }
    }

    /// <summary>A native index of <paramref name="settings"/> (check <paramref name="error"/> before using it).</summary>
    private static HnswIndex Initialised(int dimensions, HnswSettings settings, out IntPtr error)
    {
        var options = new InitOptions
        {
            Metric = settings.Metric,
            Quantization = settings.Quantization,
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)settings.Connectivity,
            ExpansionAdd = (nuint)settings.ExpansionAdd,
            ExpansionSearch = (nuint)settings.ExpansionSearch,
        };
        return new HnswIndex(new IndexHandle(Init(ref options, out error)), dimensions, settings);
    }

    /// <summary>An empty index with room for <paramref name="capacity"/> vectors, filled by up to <paramref name="threads"/> threads at once.</summary>
    public static HnswIndex Create(int dimensions, HnswSettings settings, long capacity, int threads)
    {
        var index = Initialised(dimensions, settings, out var error);
        try
        {
            Check(error, $"create an index of {dimensions} dimensions");
            // Adding from several threads needs one context per thread, and memory reserved before the first add.
            ChangeThreadsAdd(index._handle, (nuint)Math.Max(1, threads), out error);
            Check(error, "set the threads that build an index");
            ChangeThreadsSearch(index._handle, (nuint)SearchThreads, out error);
            Check(error, "set the threads that search an index");
            Reserve(index._handle, (nuint)Math.Max(1, capacity), out error);
            Check(error, $"reserve room for {capacity} vectors");
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a saved index as a read-only memory map of <paramref name="path"/>. The file keeps the metric it was built
    /// with, whatever <paramref name="settings"/> say: give the settings it was built with (its name states them).
    /// </summary>
    public static HnswIndex View(string path, int dimensions, HnswSettings settings)
    {
        var index = Initialised(dimensions, settings, out var error);
        try
        {
            Check(error, $"create an index of {dimensions} dimensions");
            USearchNative.View(index._handle, path, out error);
            Check(error, $"open {path} (delete the file: it is rebuilt from the index)");
            // The file keeps the expansion it was built with; searches use the one configured now.
            ChangeExpansionSearch(index._handle, (nuint)settings.ExpansionSearch, out error);
            Check(error, "set the search expansion");
            ChangeThreadsSearch(index._handle, (nuint)SearchThreads, out error);
            Check(error, "set the threads that search an index");
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Search contexts: one per request searching at once. USearch hands each search a free context, so more
    /// concurrent searches than contexts would have to wait; this leaves room for a busy server.
    /// </summary>
    private static int SearchThreads => Math.Max(64, Environment.ProcessorCount * 4);

    /// <summary>Adds one vector; safe from as many threads at once as the index was created for.</summary>
    public void Add(ulong key, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions) throw new ArgumentException($"A vector of {vector.Length} dimensions cannot go into an index of {Dimensions}.", nameof(vector));
        fixed (float* values = vector)
        {
            USearchNative.Add(_handle, key, values, ScalarKind.Float32, out var error);
            Check(error, $"add vector {key}");
        }
    }

    /// <summary>Changes how many candidates a search keeps (a wider search is slower and finds more of the true nearest).</summary>
    public void SetSearchExpansion(int expansion)
    {
        ChangeExpansionSearch(_handle, (nuint)expansion, out var error);
        Check(error, "set the search expansion");
    }

    /// <summary>Writes the index to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        USearchNative.Save(_handle, path, out var error);
        Check(error, $"save the index to {path}");
    }

    /// <summary>
    /// The keys of up to <c>keys.Length</c> vectors nearest <paramref name="query"/>, nearest first, with their
    /// approximate distances (<see cref="Similarity"/> turns one into a cosine); returns how many were found.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, Span<ulong> keys, Span<float> distances)
    {
        fixed (float* q = query)
        fixed (ulong* k = keys)
        fixed (float* d = distances)
        {
            var found = USearchNative.Search(_handle, q, ScalarKind.Float32, (nuint)keys.Length, k, d, out var error);
            Check(error, "search an index");
            return (int)found;
        }
    }

    /// <summary>The same, among the keys that are documents set in both <paramref name="live"/> and <paramref name="accepted"/> (null: all).</summary>
    public int Search(ReadOnlySpan<float> query, Span<ulong> keys, Span<float> distances, IBits? live, IBits? accepted)
    {
        if (live is null && accepted is null) return Search(query, keys, distances);
        var filter = GCHandle.Alloc(new KeyFilter(live, accepted));
        try
        {
            fixed (float* q = query)
            fixed (ulong* k = keys)
            fixed (float* d = distances)
            {
                var found = FilteredSearch(_handle, q, ScalarKind.Float32, (nuint)keys.Length, &Accepts, GCHandle.ToIntPtr(filter), k, d, out var error);
                Check(error, "search an index");
                return (int)found;
            }
        }
        finally
        {
            filter.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Accepts(ulong key, nint state)
    {
        try
        {
            return ((KeyFilter)GCHandle.FromIntPtr(state).Target!).Accepts((int)key) ? 1 : 0;
        }
        catch
        {
            return 0; // an exception must not unwind through native frames
        }
    }

    private sealed class KeyFilter(IBits? live, IBits? accepted)
    {
        public bool Accepts(int doc) => (live is null || live.Get(doc)) && (accepted is null || accepted.Get(doc));
    }

    /// <summary>
    /// The approximate cosine a distance of this index stands for. Cosine graphs give 1 − cosine; an inner-product
    /// graph of int8 vectors gives minus the dot product of the vectors scaled to ±127 (a unit vector's own is
    /// ~0.94 × 127², the rest lost to rounding toward zero; the re-scoring corrects what is left).
    /// </summary>
    public float Similarity(float distance) => (_settings.Metric, _settings.Quantization) switch
    {
        (MetricKind.InnerProduct, ScalarKind.Int8) => -distance / (127f * 127f),
        _ => 1 - distance,
    };

    public void Dispose() => _handle.Dispose();
}

/// <summary>How an <see cref="HnswIndex"/> stores and links its vectors, and how widely it searches.</summary>
/// <param name="Quantization">Scalar stored per dimension: int8 is a quarter of float32, and exact re-scoring restores the order.</param>
/// <param name="Connectivity">Links per node (HNSW's M).</param>
/// <param name="ExpansionAdd">Candidates considered when linking a new vector.</param>
/// <param name="ExpansionSearch">Candidates kept while searching (at least the number of results asked for).</param>
/// <param name="Metric">
/// How the graph compares vectors. The vectors are unit vectors, so the inner product ranks as the cosine does, and on
/// int8 it is one product per dimension where the cosine adds the two norms: the walk costs ~40 % less (docs/vector-search.md).
/// The service's graphs use it (<see cref="VectorIndexOptions"/>); cosine, the default here, is what graphs were before.
/// </param>
internal sealed record HnswSettings(ScalarKind Quantization, int Connectivity, int ExpansionAdd, int ExpansionSearch, MetricKind Metric = MetricKind.Cosine);
