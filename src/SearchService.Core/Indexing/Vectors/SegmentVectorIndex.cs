using Lucene.Net.Index;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// What one segment's vectors of one field are searched with, shared by every reader of the segment: an in-memory
/// copy when the segment is small, else the HNSW file kept beside the index (memory-mapped once it exists; until then
/// searches read the vectors from doc values).
/// </summary>
internal sealed class SegmentVectorIndex : IDisposable
{
    private readonly System.Threading.Lock _lock = new();
    private HnswIndex? _hnsw;
    private HnswIndex? _earlier;
    private Task? _build;
    private bool _disposed;

    public SegmentVectorIndex(string field, int dimensions, int[] docs, VectorCopy? copy, string? hnswPath)
    {
        Field = field;
        Dimensions = dimensions;
        Docs = docs;
        Copy = copy;
        HnswPath = hnswPath;
    }

    public string Field { get; }
    public int Dimensions { get; }

    /// <summary>The segment's documents that have a vector in <see cref="Field"/>, ascending.</summary>
    public int[] Docs { get; }

    /// <summary>The vectors in memory (a small segment), or null.</summary>
    public VectorCopy? Copy { get; }

    /// <summary>Where a large segment's HNSW file is; null for a small segment, or a reader that is not one segment's.</summary>
    public string? HnswPath { get; }

    /// <summary>
    /// The HNSW index when its file exists (mapped on first use); otherwise, after starting its build in the
    /// background (once) so that later searches find it, the segment's graph built with earlier settings if one is
    /// there (an index from an earlier version keeps its approximate search while the new graph is built), else null.
    /// </summary>
    public HnswIndex? Hnsw(VectorStore store, AtomicReader reader)
    {
        if (HnswPath is null) return null;
        var ready = Volatile.Read(ref _hnsw);
        if (ready is not null) return ready;
        lock (_lock)
        {
            if (_disposed) return null;
            if (_hnsw is not null) return _hnsw;
            if (File.Exists(HnswPath))
            {
                try
                {
                    Volatile.Write(ref _hnsw, HnswIndex.View(HnswPath, Dimensions, store.Options.Hnsw));
                    store.CountOpened();
                    _earlier?.Dispose();
                    _earlier = null;
                    return _hnsw;
                }
                catch (IOException)
                {
                    // Unreadable (cut short, or another version's format): build it again.
                    TryDelete(HnswPath);
                }
            }
            // One attempt per segment: a build that failed would fail again, and the exact scan stays correct.
            _build ??= store.BuildInBackground(reader, this);
            return _earlier ??= ViewEarlier(store);
        }
    }

    private HnswIndex? ViewEarlier(VectorStore store)
    {
        if (store.EarlierFilePath(HnswPath!) is not { } path) return null;
        try
        {
            var earlier = HnswIndex.View(path, Dimensions, store.SettingsOf(path));
            store.CountOpened();
            return earlier;
        }
        catch (IOException)
        {
            return null; // deleted meanwhile (the new graph is ready) or unreadable: the exact scan serves
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { /* left for the sweep after the next commit */ }
    }

    /// <summary>Frees the memory map. A search still using it keeps it until the search returns (the native handle is reference-counted).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _hnsw?.Dispose();
            _hnsw = null;
            _earlier?.Dispose();
            _earlier = null;
        }
    }
}
