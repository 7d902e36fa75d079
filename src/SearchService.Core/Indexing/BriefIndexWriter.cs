using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing.Vectors;
using LuceneDirectory = Lucene.Net.Store.Directory;
using SearchService.Core.Indexing.Suggestions;
using SearchService.Core.Passages;

namespace SearchService.Core.Indexing;

/// <summary>
/// The one writer of a <see cref="BriefIndex"/>: turns briefs into their documents, replaces them whole, and commits
/// with the index's bookkeeping (layout version, vector model, pending build). It remembers which briefs changed
/// since the last commit so the index can tell its subscribers.
/// </summary>
internal sealed class BriefIndexWriter : IDisposable
{
    private const string LayoutKey = "layout";
    private const string VectorModelKey = "vector-model";
    private const string PendingBuildKey = "pending-build";

    private readonly IndexWriter _writer;
    private readonly Analyzer _writingAnalyzer;
    private readonly PlainWordsAnalyzer _wordsAnalyzer = new();
    private readonly WordPrefixesAnalyzer _prefixesAnalyzer = new();
    private readonly System.Threading.Lock _writeLock = new();
    private readonly HashSet<string> _upsertedSinceCommit = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletedSinceCommit = new(StringComparer.Ordinal);

    /// <summary>Opens the writer of <paramref name="directory"/>; throws <see cref="IOException"/> when another process holds the index.</summary>
    public BriefIndexWriter(LuceneDirectory directory, string path, EnglishSearchAnalyzer analyzer, VectorStore vectors)
    {
        // Most fields are English text; spelling and suggestion fields keep words as written.
        _writingAnalyzer = new PerFieldAnalyzerWrapper(analyzer, new Dictionary<string, Analyzer>
        {
            [IndexFields.Spell] = _wordsAnalyzer,
            [IndexFields.SuggestWords] = _wordsAnalyzer,
            [IndexFields.SuggestPrefixes] = _prefixesAnalyzer,
        });
        var config = new IndexWriterConfig(EnglishSearchAnalyzer.Version, _writingAnalyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = BriefIndex.Similarity,
            // A large merged segment gets its HNSW file before searches see it.
            MergedSegmentWarmer = new VectorWarmer(vectors),
        };
        try
        {
            _writer = new IndexWriter(directory, config);
        }
        catch (LockObtainFailedException e)
        {
            DisposeAnalyzers();
            throw new IOException($"The index at {path} is in use by another process (write.lock is held). Stop that process or use another --index folder.", e);
        }
        VectorModel = _writer.CommitData.TryGetValue(VectorModelKey, out var model) ? model : null;
        PendingBuild = _writer.CommitData.TryGetValue(PendingBuildKey, out var pending) ? pending : null;
        WrittenLayout = _writer.CommitData.TryGetValue(LayoutKey, out var value) && int.TryParse(value, out var version) ? version : 1;
    }

    /// <summary>The Lucene writer, for near-real-time searchers of what it wrote.</summary>
    public IndexWriter Lucene => _writer;

    /// <summary>The document layout the last commit before opening was written with (1 when none was recorded).</summary>
    public int WrittenLayout { get; }

    /// <inheritdoc cref="BriefIndex.VectorModel"/>
    public string? VectorModel { get; set; }

    /// <inheritdoc cref="BriefIndex.PendingBuild"/>
    public string? PendingBuild { get; set; }

    /// <inheritdoc cref="BriefIndex.Upsert"/>
    public void Upsert(Brief brief, IReadOnlyList<Passage>? passages, IReadOnlyList<float[]>? vectors, BriefOriginal? original)
    {
        passages ??= PassageBuilder.Build(brief);
        if (vectors is not null && vectors.Count != passages.Count)
            throw new ArgumentException($"{vectors.Count} vectors for {passages.Count} passages of brief '{brief.Id}'", nameof(vectors));
        var briefVector = vectors is { Count: > 0 } ? Semantic.PassageEmbedder.BriefVector(vectors) : null;
        var documents = new List<Document> { BriefDocuments.ForBrief(brief, BriefContentHash.Of(brief), briefVector) };
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

    /// <summary>Deletes every document of brief <paramref name="id"/>, committed or not.</summary>
    public void Delete(string id)
    {
        lock (_writeLock)
        {
            _writer.DeleteDocuments(new Term(IndexFields.BriefId, id));
            _upsertedSinceCommit.Remove(id);
            _deletedSinceCommit.Add(id);
        }
    }

    /// <summary>Makes every change durable, with the bookkeeping, and returns the briefs changed since the last commit.</summary>
    public IndexChanges Commit()
    {
        lock (_writeLock)
        {
            var data = new Dictionary<string, string> { [LayoutKey] = BriefIndex.LayoutVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (VectorModel is { } model) data[VectorModelKey] = model;
            if (PendingBuild is { } folder) data[PendingBuildKey] = folder;
            _writer.SetCommitData(data);
            _writer.Commit();
            var changes = new IndexChanges([.. _upsertedSinceCommit], [.. _deletedSinceCommit]);
            _upsertedSinceCommit.Clear();
            _deletedSinceCommit.Clear();
            return changes;
        }
    }

    /// <summary>Merges every segment into one (writes may go on meanwhile; what they add stays in segments of its own).</summary>
    public void MergeIntoOneSegment() => _writer.ForceMerge(1);

    public void Dispose()
    {
        lock (_writeLock) _writer.Dispose();
        DisposeAnalyzers();
    }

    private void DisposeAnalyzers()
    {
        _writingAnalyzer.Dispose();
        _wordsAnalyzer.Dispose();
        _prefixesAnalyzer.Dispose();
    }

    /// <summary>Runs on the merge thread before a merged segment is published: builds its HNSW files when it is large.</summary>
    private sealed class VectorWarmer(VectorStore vectors) : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => vectors.BuildMerged(reader);
    }
}
