using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using SearchService.Core.Briefs;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SearchService.Core.Indexing;

/// <summary>
/// The on-disk Lucene index of briefs, their passages and their search-as-you-type suggestions. One
/// writer per index; searches go through a <see cref="SearcherManager"/> so they see every commit
/// without reopening the index.
/// </summary>
public sealed class BriefIndex : IDisposable
{
    /// <summary>
    /// Version of the document layout. An index written with an older layout (no facet doc values, no
    /// suggestions) is rebuilt from the briefs it stores when it is opened.
    /// </summary>
    public const int LayoutVersion = 2;
    private const string LayoutKey = "layout";
    private const string VectorModelKey = "vector-model";
    private const string PendingBuildKey = "pending-build";

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly Analyzer _writingAnalyzer;
    private readonly PlainWordsAnalyzer _wordsAnalyzer = new();
    private readonly WordPrefixesAnalyzer _prefixesAnalyzer = new();
    private readonly System.Threading.Lock _writeLock = new();
    // Ids written since the last commit, told to subscribers of Committed once they are visible.
    private readonly HashSet<string> _upsertedSinceCommit = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletedSinceCommit = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, Lazy<IDisposable>> _derived = new();

    internal EnglishSearchAnalyzer Analyzer { get; } = new();
    internal SearcherManager Searchers { get; }
    /// <summary>The vectors of this index per segment: in-memory copies of small segments, HNSW files of large ones.</summary>
    internal Semantic.VectorStore Vectors { get; }
    /// <summary>
    /// BM25 with Lucene's and Elasticsearch's defaults, k1 = 1.2, b = 0.75 (BEIR's BM25 baseline). With BM25 counted
    /// per field, the training data cannot tell them from Anserini's 0.9 / 0.4: SciFact train nDCG@10 0.6992 against
    /// 0.6994 (keyword), 0.737 against 0.738 (hybrid); gao-related MoreLikeThis 0.487 against 0.485. Without
    /// evidence, the standard choice, which is also what users of other engines expect.
    /// </summary>
    internal static Similarity Similarity { get; } = new FieldBm25Similarity(k1: 1.2f, b: 0.75f);

    /// <summary>The folder the index lives in.</summary>
    public string Path { get; }

    private BriefIndex(string path, Semantic.VectorIndexOptions vectorOptions)
    {
        Path = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(Path);
        _directory = FSDirectory.Open(Path);
        Vectors = new Semantic.VectorStore(Path, vectorOptions);
        // Most fields are English text; spelling and suggestion fields keep words as written.
        _writingAnalyzer = new PerFieldAnalyzerWrapper(Analyzer, new Dictionary<string, Analyzer>
        {
            [IndexFields.Spell] = _wordsAnalyzer,
            [IndexFields.SuggestWords] = _wordsAnalyzer,
            [IndexFields.SuggestPrefixes] = _prefixesAnalyzer,
        });
        var config = new IndexWriterConfig(EnglishSearchAnalyzer.Version, _writingAnalyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = Similarity,
            // A large merged segment gets its HNSW file before searches see it.
            MergedSegmentWarmer = new VectorWarmer(Vectors),
        };
        try
        {
            _writer = new IndexWriter(_directory, config);
        }
        catch (LockObtainFailedException e)
        {
            _directory.Dispose();
            Vectors.Dispose();
            throw new IOException($"The index at {Path} is in use by another process (write.lock is held). Stop that process or use another --index folder.", e);
        }
        Searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory(Vectors));
        VectorModel = _writer.CommitData.TryGetValue(VectorModelKey, out var model) ? model : null;
        PendingBuild = _writer.CommitData.TryGetValue(PendingBuildKey, out var pending) ? pending : null;
        try
        {
            UpgradeLayout();
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
    /// says which segments get an HNSW index (<see cref="Semantic.VectorIndexOptions.Default"/> when not given).
    /// </summary>
    public static BriefIndex Open(string path, Semantic.VectorIndexOptions? vectorOptions = null) => new(path, vectorOptions ?? Semantic.VectorIndexOptions.Default);

    /// <summary>True when <paramref name="path"/> holds a committed index.</summary>
    public static bool Exists(string path)
    {
        if (!System.IO.Directory.Exists(path)) return false;
        using var directory = FSDirectory.Open(path);
        return DirectoryReader.IndexExists(directory);
    }

    /// <summary>
    /// Adds or replaces a brief, its passages and its suggestions (a brief with the same id is replaced whole), with the
    /// passages' vectors when semantic search is on (<paramref name="vectors"/>[i] belongs to passage i), and the
    /// original file it came from when given (kept for reindexing; replaced with the brief).
    /// </summary>
    public void Upsert(Brief brief, IReadOnlyList<Passage>? passages = null, IReadOnlyList<float[]>? vectors = null, BriefOriginal? original = null)
    {
        passages ??= PassageBuilder.Build(brief);
        if (vectors is not null && vectors.Count != passages.Count)
            throw new ArgumentException($"{vectors.Count} vectors for {passages.Count} passages of brief '{brief.Id}'", nameof(vectors));
        var briefVector = vectors is { Count: > 0 } ? Semantic.PassageEmbedder.BriefVector(vectors) : null;
        var documents = new List<Document> { BriefDocuments.ForBrief(brief, ContentHash(brief), briefVector) };
        documents.AddRange(passages.Select((p, i) => BriefDocuments.ForPassage(brief, p, vectors?[i])));
        documents.AddRange(SuggestionDocuments.For(brief));
        if (original is not null) documents.Add(BriefDocuments.ForOriginal(brief.Id, original));
        lock (_writeLock)
        {
            _writer.DeleteDocuments(new Term(IndexFields.BriefId, brief.Id));
            _writer.AddDocuments(documents);
            _deletedSinceCommit.Remove(brief.Id);
            _upsertedSinceCommit.Add(brief.Id);
        }
    }

    /// <summary>
    /// Removes a brief, its passages, its suggestions and its original. Returns false when no such brief was
    /// visible to searches; the delete is issued either way, so it also removes a brief upserted since the last commit.
    /// </summary>
    public bool Delete(string id)
    {
        var existed = Get(id) is not null;
        lock (_writeLock)
        {
            _writer.DeleteDocuments(new Term(IndexFields.BriefId, id));
            _upsertedSinceCommit.Remove(id);
            _deletedSinceCommit.Add(id);
        }
        return existed;
    }

    /// <summary>
    /// The sentence encoder whose vectors this index holds (its model name), as recorded with each commit; null
    /// when none was recorded (built without vectors, or by an earlier version). Set it before the first commit of
    /// an index built with vectors.
    /// </summary>
    public string? VectorModel { get; set; }

    /// <summary>
    /// Told after each commit that changed briefs, once the change is visible to searches: which briefs were added or
    /// replaced and which removed. State derived from the index (related lists) keeps itself current with it.
    /// </summary>
    internal event Action<IndexChanges>? Committed;

    /// <summary>
    /// The folder a first build is indexing, recorded with each commit until the build has read every file (then
    /// null): an index whose build was stopped half-way is completed on the next start instead of served as whole.
    /// </summary>
    public string? PendingBuild { get; set; }

    /// <summary>Makes every change durable and visible to searches.</summary>
    public void Commit()
    {
        IndexChanges changes;
        lock (_writeLock)
        {
            var data = new Dictionary<string, string> { [LayoutKey] = LayoutVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (VectorModel is { } model) data[VectorModelKey] = model;
            if (PendingBuild is { } folder) data[PendingBuildKey] = folder;
            _writer.SetCommitData(data);
            _writer.Commit();
            changes = new IndexChanges([.. _upsertedSinceCommit], [.. _deletedSinceCommit]);
            _upsertedSinceCommit.Clear();
            _deletedSinceCommit.Clear();
        }
        Searchers.MaybeRefreshBlocking();
        RemoveVectorFilesOfGoneSegments();
        if (!changes.IsEmpty) Committed?.Invoke(changes);
    }

    /// <summary>Deletes the HNSW files of segments merged away (the newest reader no longer has them).</summary>
    private void RemoveVectorFilesOfGoneSegments()
    {
        var searcher = Searchers.Acquire();
        try
        {
            Vectors.RemoveFilesOfGoneSegments(searcher.IndexReader.Leaves.Select(l => l.AtomicReader).OfType<SegmentReader>().Select(r => r.SegmentName).ToList());
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>
    /// State computed from this index (such as related lists), created once per <paramref name="key"/> by the first
    /// caller and disposed with the index, so it lives exactly as long as the generation it describes.
    /// </summary>
    internal T Derived<T>(object key, Func<T> create) where T : class, IDisposable =>
        (T)_derived.GetOrAdd(key, _ => new Lazy<IDisposable>(create)).Value;

    /// <summary>The derived state under <paramref name="key"/> when it has been created already; null while it is still being built or was never asked for.</summary>
    internal T? DerivedIfReady<T>(object key) where T : class, IDisposable =>
        _derived.TryGetValue(key, out var derived) && derived.IsValueCreated ? (T)derived.Value : null;

    /// <summary>
    /// Merges the index into one segment and commits. Worth it after a bulk build that is then mostly read:
    /// each query term is looked up once instead of once per segment. Writes may go on meanwhile (the writer is
    /// thread-safe; what they add after the merge started stays in segments of its own).
    /// </summary>
    public void Compact()
    {
        _writer.ForceMerge(1);
        Commit();
    }

    /// <summary>
    /// Re-indexes every stored brief when the index was written with an older document layout, so an
    /// index built by an earlier version gains facets and suggestions without its source files. Passage
    /// vectors are carried over, so semantic search needs no re-encoding.
    /// </summary>
    private void UpgradeLayout()
    {
        var written = _writer.CommitData.TryGetValue(LayoutKey, out var value) && int.TryParse(value, out var version) ? version : 1;
        if (written >= LayoutVersion || Count == 0) return;
        var upgrades = new List<(Brief Brief, IReadOnlyList<Passage> Passages, IReadOnlyList<float[]>? Vectors, BriefOriginal? Original)>();
        var searcher = Searchers.Acquire();
        try
        {
            var all = searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), Math.Max(1, searcher.IndexReader.MaxDoc));
            foreach (var hit in all.ScoreDocs)
            {
                var brief = BriefJson.Deserialize(searcher.Doc(hit.Doc).Get(IndexFields.Json));
                var passages = PassageBuilder.Build(brief);
                upgrades.Add((brief, passages, StoredVectors(searcher, brief.Id, passages), Original(searcher, brief.Id)));
            }
        }
        finally
        {
            Searchers.Release(searcher);
        }
        foreach (var (brief, passages, vectors, original) in upgrades) Upsert(brief, passages, vectors, original);
        Commit();
    }

    /// <summary>The vectors stored for <paramref name="passages"/>, in their order; null unless every passage has one.</summary>
    private static List<float[]>? StoredVectors(IndexSearcher searcher, string briefId, IReadOnlyList<Passage> passages)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.BriefId, briefId)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), Occur.MUST },
        };
        var byPassage = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var leaves = searcher.IndexReader.Leaves;
        var bytes = new Lucene.Net.Util.BytesRef();
        foreach (var hit in searcher.Search(query, Math.Max(1, passages.Count * 2)).ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            var doc = hit.Doc - leaf.DocBase;
            if (leaf.AtomicReader.GetDocsWithField(IndexFields.Vector) is not { } present || !present.Get(doc)) return null;
            leaf.AtomicReader.GetBinaryDocValues(IndexFields.Vector).Get(doc, bytes);
            var vector = new float[bytes.Length / sizeof(float)];
            Semantic.VectorCodec.Read(bytes, vector);
            byPassage[searcher.Doc(hit.Doc).Get(IndexFields.PassageId)] = vector;
        }
        return passages.All(p => byPassage.ContainsKey(p.Id)) ? passages.Select(p => byPassage[p.Id]).ToList() : null;
    }

    /// <summary>The stored brief with <paramref name="id"/>, or null.</summary>
    public Brief? Get(string id)
    {
        var searcher = Searchers.Acquire();
        try
        {
            var docs = searcher.Search(BriefQuery(id), 1);
            return docs.TotalHits == 0 ? null : BriefJson.Deserialize(searcher.Doc(docs.ScoreDocs[0].Doc).Get(IndexFields.Json));
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>The content hash stored for brief <paramref name="id"/>, or null when it is not indexed.</summary>
    public string? StoredHash(string id)
    {
        var searcher = Searchers.Acquire();
        try
        {
            var docs = searcher.Search(BriefQuery(id), 1);
            return docs.TotalHits == 0 ? null : searcher.Doc(docs.ScoreDocs[0].Doc).Get(IndexFields.ContentHash);
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>The original file kept for brief <paramref name="id"/>, or null (not indexed, or indexed before originals were kept).</summary>
    public BriefOriginal? Original(string id)
    {
        var searcher = Searchers.Acquire();
        try
        {
            return Original(searcher, id);
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Every committed brief with its original file (null when none was kept), read from one point-in-time
    /// view of the index so that writes made meanwhile neither appear nor disappear halfway.
    /// </summary>
    internal IEnumerable<(Brief Brief, BriefOriginal? Original)> StoredBriefs()
    {
        var searcher = Searchers.Acquire();
        try
        {
            var briefDocs = new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc));
            var all = searcher.Search(briefDocs, Math.Max(1, searcher.IndexReader.MaxDoc));
            foreach (var hit in all.ScoreDocs)
            {
                var brief = BriefJson.Deserialize(searcher.Doc(hit.Doc).Get(IndexFields.Json));
                yield return (brief, Original(searcher, brief.Id));
            }
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    private static BriefOriginal? Original(IndexSearcher searcher, string id)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.BriefId, id)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.DocType, IndexFields.OriginalDoc)), Occur.MUST },
        };
        var docs = searcher.Search(query, 1);
        if (docs.TotalHits == 0) return null;
        var document = searcher.Doc(docs.ScoreDocs[0].Doc);
        var bytes = document.GetBinaryValue(IndexFields.OriginalBytes);
        return new BriefOriginal(document.Get(IndexFields.OriginalFileName), bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray());
    }

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
        return StoredVectorDimensions() switch
        {
            null => "no vectors",
            var dimensions when dimensions != encoder.Dimensions => $"a model with {dimensions}-dimension vectors",
            _ => null,
        };
    }

    /// <summary>Dimensions of the passage vectors stored (one is read), or null when none is.</summary>
    private int? StoredVectorDimensions()
    {
        var searcher = Searchers.Acquire();
        try
        {
            var bytes = new Lucene.Net.Util.BytesRef();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                if (reader.GetDocsWithField(IndexFields.Vector) is not { } present) continue;
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    if (!present.Get(doc)) continue;
                    reader.GetBinaryDocValues(IndexFields.Vector).Get(doc, bytes);
                    return bytes.Length / sizeof(float);
                }
            }
            return null;
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Ids of the briefs whose passages have no vectors yet (indexed as text first, or before semantic search was on),
    /// at most <paramref name="limit"/>, in index order.
    /// </summary>
    public List<string> BriefsWithoutVectors(int limit = int.MaxValue)
    {
        var ids = new List<string>();
        var fields = new HashSet<string> { IndexFields.BriefId };
        var searcher = Searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                var postings = reader.GetTermDocsEnum(new Term(IndexFields.DocType, IndexFields.BriefDoc));
                if (postings is null) continue;
                var withVector = reader.GetDocsWithField(IndexFields.BriefVector);
                var passages = reader.GetTermDocsEnum(new Term(IndexFields.DocType, IndexFields.PassageDoc));
                var live = reader.LiveDocs;
                while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS && ids.Count < limit)
                {
                    var doc = postings.DocID;
                    if (live is not null && !live.Get(doc) || withVector is not null && withVector.Get(doc)) continue;
                    // A brief without passages (its block's next document is no passage) has nothing to embed.
                    if (passages is null || (passages.DocID < doc + 1 ? passages.Advance(doc + 1) : passages.DocID) != doc + 1) continue;
                    ids.Add(reader.Document(doc, fields).Get(IndexFields.BriefId));
                }
            }
            return ids;
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>Number of briefs (not passages) in the index.</summary>
    public int Count
    {
        get
        {
            var searcher = Searchers.Acquire();
            try
            {
                return searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), 1).TotalHits;
            }
            finally
            {
                Searchers.Release(searcher);
            }
        }
    }

    /// <summary>Number of passages of all briefs in the index (what semantic search and snippets read).</summary>
    public int PassageTotal
    {
        get
        {
            var searcher = Searchers.Acquire();
            try
            {
                return searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), 1).TotalHits;
            }
            finally
            {
                Searchers.Release(searcher);
            }
        }
    }

    /// <summary>How many passages brief <paramref name="id"/> has in the index.</summary>
    internal int PassageCount(string id)
    {
        var searcher = Searchers.Acquire();
        try
        {
            var query = new BooleanQuery
            {
                { new TermQuery(new Term(IndexFields.BriefId, id)), Occur.MUST },
                { new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), Occur.MUST },
            };
            return searcher.Search(query, 1).TotalHits;
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>The texts of the passages brief <paramref name="id"/> has in the index.</summary>
    internal IReadOnlyList<string> PassageTexts(string id)
    {
        var searcher = Searchers.Acquire();
        try
        {
            var query = new BooleanQuery
            {
                { new TermQuery(new Term(IndexFields.BriefId, id)), Occur.MUST },
                { new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), Occur.MUST },
            };
            return searcher.Search(query, Math.Max(1, searcher.IndexReader.MaxDoc)).ScoreDocs.Select(d => searcher.Doc(d.Doc).Get(IndexFields.Text)).ToList();
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>Every stored brief, in index order; read as enumerated (the searcher is held until the enumeration ends).</summary>
    public IEnumerable<Brief> AllBriefs()
    {
        var searcher = Searchers.Acquire();
        try
        {
            var all = searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), Math.Max(1, searcher.IndexReader.MaxDoc));
            foreach (var hit in all.ScoreDocs)
                yield return BriefJson.Deserialize(searcher.Doc(hit.Doc).Get(IndexFields.Json));
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>A page of briefs, newest first, then by id.</summary>
    public (int Total, IReadOnlyList<Brief> Briefs) List(int page, int size)
    {
        var searcher = Searchers.Acquire();
        try
        {
            var sort = new Sort(new SortField(IndexFields.DateNumber, SortFieldType.INT32, reverse: true), SortField.FIELD_DOC);
            var top = searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), null, page * size, sort);
            var briefs = top.ScoreDocs.Skip((page - 1) * size)
                .Select(d => BriefJson.Deserialize(searcher.Doc(d.Doc).Get(IndexFields.Json)))
                .ToList();
            return (top.TotalHits, briefs);
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    /// <summary>Stable hash of a brief's extracted content, so re-indexing an unchanged brief can be skipped.</summary>
    public static string ContentHash(Brief brief) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(BriefJson.Serialize(brief)))).ToLowerInvariant();

    internal static Query BriefQuery(string id) => new BooleanQuery
    {
        { new TermQuery(new Term(IndexFields.BriefId, id)), Occur.MUST },
        { new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), Occur.MUST },
    };

    public void Dispose()
    {
        foreach (var derived in _derived.Values)
        {
            if (derived.IsValueCreated) derived.Value.Dispose();
        }
        _derived.Clear();
        Searchers.Dispose();
        lock (_writeLock) _writer.Dispose();
        // After the writer: its last merges may still be building HNSW files.
        Vectors.Dispose();
        _directory.Dispose();
        _writingAnalyzer.Dispose();
        _wordsAnalyzer.Dispose();
        _prefixesAnalyzer.Dispose();
        Analyzer.Dispose();
    }

    private sealed class Bm25SearcherFactory(Semantic.VectorStore vectors) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new BriefIndexSearcher(reader, vectors) { Similarity = Similarity };
    }

    /// <summary>Runs on the merge thread before a merged segment is published: builds its HNSW files when it is large.</summary>
    private sealed class VectorWarmer(Semantic.VectorStore vectors) : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => vectors.BuildMerged(reader);
    }
}
