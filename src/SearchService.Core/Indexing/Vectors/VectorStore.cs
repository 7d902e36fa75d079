using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Core.Indexing;
using static SearchService.Core.Indexing.Vectors.USearchNative;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// The vectors of one index (one generation folder), per segment and field. A small segment's vectors are copied
/// into memory; a large segment gets an HNSW file in <c>&lt;index&gt;/vectors</c>, built when a merge produces the
/// segment (before the merged segment is searched), memory-mapped when first searched, and deleted once the segment
/// has left the index. State lives here, owned by the <see cref="BriefIndex"/>, and is released per segment when
/// Lucene closes the segment's core.
/// </summary>
internal sealed class VectorStore : SegmentReader.ICoreDisposedListener, IDisposable
{
    /// <summary>The vector fields the index holds.</summary>
    public static IReadOnlyList<string> Fields { get; } = [IndexFields.Vector, IndexFields.BriefVector];

    private const string Extension = ".usearch";

    private readonly ConcurrentDictionary<(object Core, string Field, int Dimensions), Lazy<SegmentVectorIndex>> _segments = new();
    // Files a merge has written for a segment no reader has seen yet: the sweep must not take them for leftovers.
    private readonly ConcurrentDictionary<string, byte> _awaitingReader = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _backgroundBuilds = new();
    private readonly CancellationTokenSource _closing = new();
    private int _builds;
    private int _opened;

    public VectorStore(string indexPath, VectorIndexOptions options)
    {
        Folder = Path.Combine(indexPath, "vectors");
        Options = options;
        Directory.CreateDirectory(Folder);
    }

    /// <summary>Where the HNSW files are.</summary>
    public string Folder { get; }

    public VectorIndexOptions Options { get; }

    /// <summary>HNSW indexes built since this store was opened (a reopened index that finds its files builds none).</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>HNSW files memory-mapped since this store was opened.</summary>
    public int FilesOpened => Volatile.Read(ref _opened);

    internal void CountOpened() => Interlocked.Increment(ref _opened);

    /// <summary>The vectors of <paramref name="field"/> in the segment of <paramref name="leaf"/>.</summary>
    public SegmentVectors For(AtomicReaderContext leaf, string field, int dimensions)
    {
        var reader = leaf.AtomicReader;
        var index = _segments.GetOrAdd((reader.CoreCacheKey, field, dimensions), _ => new Lazy<SegmentVectorIndex>(() => Open(reader, field, dimensions))).Value;
        return new SegmentVectors(leaf, index, this);
    }

    private SegmentVectorIndex Open(AtomicReader reader, string field, int dimensions)
    {
        if (reader is SegmentReader segment) segment.AddCoreDisposedListener(this);
        var docs = DocsWithVector(reader, field);
        if (docs.Length == 0 || docs.Length < Options.ExactScanMaxRows)
            return new SegmentVectorIndex(field, dimensions, docs, VectorCopy.Read(reader, field, dimensions, docs), hnswPath: null);
        var path = reader is SegmentReader named ? FilePath(named.SegmentName, field, dimensions) : null;
        return new SegmentVectorIndex(field, dimensions, docs, copy: null, path);
    }

    /// <summary>
    /// Builds the HNSW files of a segment a merge has just written, before the merge publishes it (Lucene's merged
    /// segment warmer runs on the merge thread): searches keep using the merged segments until the new one is ready.
    /// </summary>
    public void BuildMerged(AtomicReader reader)
    {
        if (reader is not SegmentReader segment) return;
        foreach (var field in Fields)
        {
            var docs = DocsWithVector(reader, field);
            if (docs.Length == 0 || docs.Length < Options.ExactScanMaxRows) continue;
            var dimensions = DimensionsOf(reader, field, docs[0]);
            var path = FilePath(segment.SegmentName, field, dimensions);
            if (File.Exists(path)) continue;
            _awaitingReader[segment.SegmentName] = 0;
            try
            {
                SegmentHnswBuilder.Build(reader, field, dimensions, docs, path, Options, _closing.Token);
                Interlocked.Increment(ref _builds);
            }
            catch (Exception)
            {
                // Whatever failed (closing, disk full, a vector of another length), the merge must go on: without its
                // file the segment is searched exactly, and the file is built in the background on first search.
                TryDelete(path + ".tmp");
            }
        }
    }

    /// <summary>Starts building a large segment's missing HNSW file on another thread; null when the segment is already closing.</summary>
    internal Task? BuildInBackground(AtomicReader reader, SegmentVectorIndex index)
    {
        if (_closing.IsCancellationRequested || index.HnswPath is not { } path || !reader.TryIncRef()) return null;
        // Searches run meanwhile (scanning this segment exactly): half the cores are left to them.
        var options = Options with { BuildThreads = Math.Max(1, Options.BuildThreads / 2) };
        var build = Task.Run(() =>
        {
            try
            {
                SegmentHnswBuilder.Build(reader, index.Field, index.Dimensions, index.Docs, path, options, _closing.Token);
                Interlocked.Increment(ref _builds);
                // The graph an earlier version built is not needed once this one exists (a mapping keeps its pages).
                foreach (var earlier in EarlierFilePaths(path)) TryDelete(earlier);
            }
            catch (Exception)
            {
                // Closing, the segment went away, or the build failed (Parallel.ForEach wraps errors in an
                // AggregateException): this segment's searches stay exact.
                TryDelete(path + ".tmp");
            }
            finally
            {
                reader.DecRef();
            }
        });
        _backgroundBuilds[build] = 0;
        build.ContinueWith(done => _backgroundBuilds.TryRemove(done, out _), TaskScheduler.Default);
        return build;
    }

    /// <summary>Waits for the HNSW builds running in the background (tests, and a benchmark that wants the final state).</summary>
    public void WaitForBuilds()
    {
        Task.WaitAll([.. _backgroundBuilds.Keys]);
    }

    /// <summary>
    /// Deletes the files of segments that are not in <paramref name="segmentNames"/> (the segments of the newest
    /// reader) and that no running merge has just written, and the files of live segments built with other settings
    /// once the file of the current ones exists (an index from a version with other HNSW settings: its segments get
    /// graphs of the current ones, built in the background, and search the earlier ones meanwhile). A searcher still
    /// holding an old segment keeps its memory map: the file's pages stay until it is unmapped.
    /// </summary>
    public void RemoveFilesOfGoneSegments(IReadOnlyCollection<string> segmentNames)
    {
        var live = segmentNames.ToHashSet(StringComparer.Ordinal);
        foreach (var name in live) _awaitingReader.TryRemove(name, out _);
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(file);
            var segment = name.Split('.')[0];
            if (_awaitingReader.ContainsKey(segment)) continue;
            if (live.Contains(segment) && !Superseded(file)) continue;
            try { File.Delete(file); } catch (IOException) { /* in use on a platform that forbids it: next sweep */ }
        }
    }

    /// <summary>
    /// A graph of the same segment, field and dimensions built with other settings that this store can read (the same
    /// quantization and links per node, e.g. another expansion when adding or the other metric): searched until the
    /// current one exists.
    /// </summary>
    public string? EarlierFilePath(string currentPath) => EarlierFilePaths(currentPath).FirstOrDefault();

    private List<string> EarlierFilePaths(string currentPath)
    {
        var name = Path.GetFileName(currentPath);
        var segmentFieldDimensions = name[..^(SettingsTag.Length + Extension.Length)];
        var quantization = Options.Hnsw.Quantization.ToString().ToLowerInvariant();
        // Either metric reads (its name says which: SettingsOf); the quantization and links must be the same.
        var readable = new[] { MetricKind.Cosine, MetricKind.InnerProduct }.Select(metric => $"{segmentFieldDimensions}{quantization}{MetricTag(metric)}-m{Options.Hnsw.Connectivity}").ToList();
        return Directory.EnumerateFiles(Folder)
            .Where(file => Path.GetFileName(file) is var other && other != name && other.EndsWith(Extension, StringComparison.Ordinal)
                           && readable.Any(prefix => other == prefix + Extension || other.StartsWith(prefix + "-", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True for a live segment's file that is neither the current settings' graph nor its build, when it is no longer needed.</summary>
    private bool Superseded(string file)
    {
        var name = Path.GetFileName(file);
        var current = $".{SettingsTag}{Extension}";
        if (name.EndsWith(current, StringComparison.Ordinal) || name.EndsWith(current + ".tmp", StringComparison.Ordinal)) return false;
        if (!name.EndsWith(Extension, StringComparison.Ordinal)) return true; // an abandoned build of other settings
        // <segment>.<field>.<dimensions>d.<settings>.usearch: another settings' graph is searched until the current one exists.
        var settingsStart = name.LastIndexOf('.', name.Length - Extension.Length - 1);
        return settingsStart < 0 || File.Exists(Path.Combine(Folder, name[..settingsStart] + current));
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { /* the sweep after a later commit removes it */ }
    }

    /// <summary>The HNSW file of <paramref name="field"/> in segment <paramref name="segmentName"/>; the name says what the file holds, so other settings never read it.</summary>
    public string FilePath(string segmentName, string field, int dimensions) =>
        Path.Combine(Folder, $"{segmentName}.{field}.{dimensions}d.{SettingsTag}{Extension}");

    /// <summary>
    /// The settings a graph was built with, as its file name states them (e.g. <c>int8-ip-m16-a256</c>; a cosine graph's
    /// name, as every graph's before the inner product, names no metric: <c>int8-m16-a256</c>).
    /// </summary>
    private string SettingsTag => $"{Options.Hnsw.Quantization.ToString().ToLowerInvariant()}{MetricTag(Options.Hnsw.Metric)}-m{Options.Hnsw.Connectivity}-a{Options.Hnsw.ExpansionAdd}";

    private static string MetricTag(MetricKind metric) => metric == MetricKind.InnerProduct ? "-ip" : "";

    /// <summary>The settings to open the graph file at <paramref name="path"/> with: the current ones, with the metric its name states.</summary>
    public HnswSettings SettingsOf(string path)
    {
        var quantization = Options.Hnsw.Quantization.ToString().ToLowerInvariant();
        var metric = Path.GetFileName(path).Contains($".{quantization}{MetricTag(MetricKind.InnerProduct)}-m", StringComparison.Ordinal) ? MetricKind.InnerProduct : MetricKind.Cosine;
        return Options.Hnsw with { Metric = metric };
    }

    private static int[] DocsWithVector(AtomicReader reader, string field)
    {
        var present = reader.GetDocsWithField(field);
        if (present is null || reader.GetBinaryDocValues(field) is null) return [];
        var docs = new List<int>();
        for (var doc = 0; doc < reader.MaxDoc; doc++)
            if (present.Get(doc)) docs.Add(doc);
        return [.. docs];
    }

    private static int DimensionsOf(AtomicReader reader, string field, int doc)
    {
        var bytes = new BytesRef();
        reader.GetBinaryDocValues(field).Get(doc, bytes);
        return bytes.Length / sizeof(float);
    }

    /// <summary>Lucene closed a segment's core (no reader uses the segment any more): its copies and memory maps go.</summary>
    void SegmentReader.ICoreDisposedListener.OnDispose(object ownerCoreCacheKey)
    {
        foreach (var key in _segments.Keys.Where(k => ReferenceEquals(k.Core, ownerCoreCacheKey)))
        {
            if (_segments.TryRemove(key, out var index) && index.IsValueCreated) index.Value.Dispose();
        }
    }

    /// <summary>Stops background builds and frees every memory map. Call after the index's readers and writer are closed.</summary>
    public void Dispose()
    {
        _closing.Cancel();
        try
        {
            WaitForBuilds();
        }
        catch (AggregateException)
        {
            // Builds end by cancellation or failure; neither matters once the index is closed.
        }
        foreach (var index in _segments.Values.Where(i => i.IsValueCreated)) index.Value.Dispose();
        _segments.Clear();
        _closing.Dispose();
    }
}
