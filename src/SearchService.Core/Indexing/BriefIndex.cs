using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing.Vectors;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchService.Core.Indexing;

/// <summary>
/// The on-disk Lucene index of briefs, their passages and their search-as-you-type suggestions. One
/// <see cref="BriefIndexWriter"/> writes it; reads go through a <see cref="StoredBriefReader"/> whose searchers
/// see every commit without reopening the index; an index of an older layout is upgraded when opened
/// (<see cref="LayoutUpgrade"/>).
/// </summary>
public sealed class BriefIndex : IDisposable
{
    /// <summary>
    /// Version of the document layout. An index written with an older layout (no facet doc values, no
    /// suggestions) is rebuilt from the briefs it stores when it is opened.
    /// </summary>
    public const int LayoutVersion = 2;

    private readonly LuceneDirectory _directory;
    private readonly BriefIndexWriter _writer;
    private readonly StoredBriefReader _reader;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, Lazy<object>> _derived = new();

    internal EnglishSearchAnalyzer Analyzer { get; } = new();
    /// <summary>The vectors of this index per segment: in-memory copies of small segments, HNSW files of large ones.</summary>
    internal VectorStore Vectors { get; }
    /// <summary>
    /// BM25 with Lucene's and Elasticsearch's defaults, k1 = 1.2, b = 0.75 (BEIR's BM25 baseline). With BM25 counted
    /// per field, the training data cannot tell them from Anserini's 0.9 / 0.4 (docs/relevance.md). Without
    /// evidence, the standard choice, which is also what users of other engines expect.
    /// </summary>
    internal static FieldBm25Similarity Similarity { get; } = new FieldBm25Similarity(k1: 1.2f, b: 0.75f);

    /// <summary>The folder the index lives in.</summary>
    public string Path { get; }

    private BriefIndex(string path, VectorIndexOptions vectorOptions)
    {
        Path = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(Path);
        _directory = new IndexFileDirectory(Path);
        Vectors = new VectorStore(Path, vectorOptions);
        try
        {
            _writer = new BriefIndexWriter(_directory, Path, Analyzer, Vectors);
        }
        catch
        {
            Analyzer.Dispose();
            _directory.Dispose();
            Vectors.Dispose();
            throw;
        }
        _reader = new StoredBriefReader(_writer.Lucene, Vectors, new BriefBm25Similarity(Similarity, new BriefFieldNorms(IndexFields.BriefTextFields, SegmentBriefDocs.Of(this))));
        try
        {
            LayoutUpgrade.IfOlder(this, _writer.WrittenLayout);
            RemoveVectorFilesOfGoneSegments();
        }
        catch
        {
            Dispose(); // release write.lock: the caller never gets an index to dispose
            throw;
        }
    }

    /// <summary>
    /// Opens the index at <paramref name="path"/>, creating an empty one if none exists; <paramref name="vectorOptions"/>
    /// says which segments get an HNSW index (<see cref="VectorIndexOptions.Default"/> when not given).
    /// </summary>
    public static BriefIndex Open(string path, VectorIndexOptions? vectorOptions = null) => new(path, vectorOptions ?? VectorIndexOptions.Default);

    /// <summary>True when <paramref name="path"/> holds a committed index.</summary>
    public static bool Exists(string path)
    {
        if (!System.IO.Directory.Exists(path)) return false;
        using var directory = new IndexFileDirectory(path);
        return DirectoryReader.IndexExists(directory);
    }

    /// <summary>
    /// Adds or replaces a brief, its passages and its suggestions (a brief with the same id is replaced whole), with the
    /// passages' vectors when semantic search is on (<paramref name="vectors"/>[i] belongs to passage i), and the
    /// original file it came from when given (kept for reindexing; replaced with the brief).
    /// </summary>
    public void Upsert(Brief brief, IReadOnlyList<Passage>? passages = null, IReadOnlyList<float[]>? vectors = null, BriefOriginal? original = null) =>
        _writer.Upsert(brief, passages, vectors, original);

    /// <summary>
    /// Removes a brief, its passages, its suggestions and its original. Returns false when no such brief was
    /// visible to searches; the delete is issued either way, so it also removes a brief upserted since the last commit.
    /// </summary>
    public bool Delete(string id)
    {
        var existed = Get(id) is not null;
        _writer.Delete(id);
        return existed;
    }

    /// <summary>
    /// The sentence encoder whose vectors this index holds (its model name), as recorded with each commit; null
    /// when none was recorded (built without vectors, or by an earlier version). Set it before the first commit of
    /// an index built with vectors.
    /// </summary>
    public string? VectorModel
    {
        get => _writer.VectorModel;
        set => _writer.VectorModel = value;
    }

    /// <summary>
    /// Told after each commit that changed briefs, once the change is visible to searches: which briefs were added or
    /// replaced and which removed. State derived from the index (related lists) keeps itself current with it.
    /// </summary>
    internal event Action<IndexChanges>? Committed;

    /// <summary>
    /// The folder a first build is indexing, recorded with each commit until the build has read every file (then
    /// null): an index whose build was stopped half-way is completed on the next start instead of served as whole.
    /// </summary>
    public string? PendingBuild
    {
        get => _writer.PendingBuild;
        set => _writer.PendingBuild = value;
    }

    /// <summary>Makes every change durable and visible to searches.</summary>
    public void Commit()
    {
        var changes = _writer.Commit();
        _reader.Refresh();
        RemoveVectorFilesOfGoneSegments();
        if (!changes.IsEmpty) Committed?.Invoke(changes);
    }

    /// <summary>Deletes the HNSW files of segments merged away (the newest reader no longer has them).</summary>
    private void RemoveVectorFilesOfGoneSegments() => Vectors.RemoveFilesOfGoneSegments(_reader.SegmentNames());

    /// <summary>
    /// State computed from this index (such as related lists), created once per <paramref name="key"/> by the first
    /// caller and disposed with the index (when it is disposable), so it lives exactly as long as the generation it describes.
    /// </summary>
    internal T Derived<T>(object key, Func<T> create) where T : class =>
        (T)_derived.GetOrAdd(key, _ => new Lazy<object>(create)).Value;

    /// <summary>Hands what this index derived and can carry (<see cref="ICarriedIntoRebuild"/>) to the generation rebuilt from it.</summary>
    internal void CarryDerivedInto(BriefIndex next)
    {
        foreach (var derived in _derived.Values)
        {
            if (derived.IsValueCreated && derived.Value is ICarriedIntoRebuild carried) carried.CarryInto(next);
        }
    }

    /// <summary>The derived state under <paramref name="key"/> when it has been created already; null while it is still being built or was never asked for.</summary>
    internal T? DerivedIfReady<T>(object key) where T : class =>
        _derived.TryGetValue(key, out var derived) && derived.IsValueCreated ? (T)derived.Value : null;

    /// <summary>
    /// Merges the index into one segment and commits. Worth it after a bulk build that is then mostly read:
    /// each query term is looked up once instead of once per segment. Writes may go on meanwhile (the writer is
    /// thread-safe; what they add after the merge started stays in segments of its own).
    /// </summary>
    public void Compact()
    {
        _writer.MergeIntoOneSegment();
        Commit();
    }

    /// <summary>
    /// A searcher of the latest commit, held until the lease is disposed: every read of one request goes through one
    /// lease, so it sees one point-in-time view. Document numbers are valid only while the lease is held.
    /// </summary>
    internal SearcherLease AcquireSearcher() => _reader.AcquireSearcher();

    /// <summary>The stored brief with <paramref name="id"/>, or null.</summary>
    public Brief? Get(string id) => _reader.Get(id);

    /// <summary>The content hash stored for brief <paramref name="id"/>, or null when it is not indexed.</summary>
    public string? StoredHash(string id) => _reader.StoredHash(id);

    /// <summary>The original file kept for brief <paramref name="id"/>, or null (not indexed, or indexed before originals were kept).</summary>
    public BriefOriginal? Original(string id) => _reader.Original(id);

    /// <summary>
    /// Every committed brief with its original file (null when none was kept), read from one point-in-time
    /// view of the index so that writes made meanwhile neither appear nor disappear halfway.
    /// </summary>
    internal IEnumerable<(Brief Brief, BriefOriginal? Original)> StoredBriefs() => _reader.StoredBriefs();

    /// <summary>
    /// What the index's vectors came from, in words, when it is not <paramref name="encoder"/> (another model, or
    /// none: built without vectors); null when they are its, or when the index is empty. Its semantic search could
    /// not compare such vectors with the encoder's queries.
    /// </summary>
    public string? EmbeddedOtherwiseThan(Embeddings.ITextEncoder encoder)
    {
        if (Count == 0) return null;
        if (VectorModel is { } model) return model == encoder.ModelName ? null : model;
        // An index that recorded no model (built by an earlier version) is judged by the length of its vectors.
        return _reader.StoredVectorDimensions() switch
        {
            null => "no vectors",
            var dimensions when dimensions != encoder.Dimensions => $"a model with {dimensions}-dimension vectors",
            _ => null,
        };
    }

    /// <summary>
    /// Ids of the briefs whose passages have no vectors yet (indexed as text first, or before semantic search was on),
    /// at most <paramref name="limit"/>, in index order.
    /// </summary>
    public List<string> BriefsWithoutVectors(int limit = int.MaxValue) => _reader.BriefsWithoutVectors(limit);

    /// <summary>Number of briefs (not passages) in the index.</summary>
    public int Count => _reader.Count();

    /// <summary>Number of passages of all briefs in the index (what semantic search and snippets read).</summary>
    public int PassageTotal => _reader.PassageTotal();

    /// <summary>How many passages brief <paramref name="id"/> has in the index.</summary>
    internal int PassageCount(string id) => _reader.PassageCount(id);

    /// <summary>The texts of the passages brief <paramref name="id"/> has in the index.</summary>
    internal IReadOnlyList<string> PassageTexts(string id) => _reader.PassageTexts(id);

    /// <summary>Every stored brief, in index order; read as enumerated (the searcher is held until the enumeration ends).</summary>
    public IEnumerable<Brief> AllBriefs() => _reader.AllBriefs();

    /// <summary>A page of briefs, newest first, then by id.</summary>
    public (int Total, IReadOnlyList<Brief> Briefs) List(int page, int size) => _reader.List(page, size);

    public void Dispose()
    {
        foreach (var derived in _derived.Values)
        {
            if (derived.IsValueCreated && derived.Value is IDisposable disposable) disposable.Dispose();
        }
        _derived.Clear();
        _reader.Dispose();
        _writer.Dispose();
        // After the writer: its last merges may still be building HNSW files.
        Vectors.Dispose();
        _directory.Dispose();
        Analyzer.Dispose();
    }
}
