using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Briefs;
using SearchService.Core.Passages;

namespace SearchService.Core.Indexing;

/// <summary>
/// The boilerplate one index generation has learned from its briefs, per publisher (<see cref="PublisherBoilerplate"/>):
/// counted from every stored brief when first asked for, then kept current on every commit (a brief added, replaced
/// or deleted is counted again or forgotten). Disposed with the generation, it writes what it learned to the
/// generation's folder, stamped with the index's commit version; the next opening of the same commit reads that file
/// instead of every brief (at 100,000 briefs ~20 s, which the first write after a restart waited for). Any other
/// commit, a missing or unreadable file: learned from the briefs again.
/// </summary>
public sealed class LearnedBoilerplate : IDisposable
{
    /// <summary>The file in the generation's folder.</summary>
    public const string FileName = "learned-boilerplate.bin";

    private readonly BriefIndex _index;
    private readonly PublisherBoilerplate _learned;
    private readonly System.Threading.Lock _lock = new();
    private int _version;
    /// <summary>The commit version the file holds what was learned at (-1: none, or not what is learned now).</summary>
    private long _savedAt = -1;

    private LearnedBoilerplate(BriefIndex index)
    {
        _index = index;
        // Subscribed before reading, under the lock: a commit meanwhile is counted once this is learned (a brief
        // counted twice is counted once), and one made before the version is read makes the file out of date.
        lock (_lock)
        {
            index.Committed += OnCommitted;
            var version = CommitVersion(index);
            if (Read(version) is { } kept)
            {
                _learned = kept;
                _savedAt = version;
                ReadFromFile = true;
                return;
            }
            _learned = new PublisherBoilerplate();
            foreach (var brief in index.AllBriefs()) _learned.Observe(brief);
        }
    }

    /// <summary>True when what is learned was read from the generation's file, not counted from its briefs.</summary>
    public bool ReadFromFile { get; }

    private string FilePath => System.IO.Path.Combine(_index.Path, FileName);

    /// <summary>The version of the index's last commit (Lucene's: it changes with every commit that changes anything).</summary>
    private static long CommitVersion(BriefIndex index)
    {
        using var lease = index.AcquireSearcher();
        return lease.Searcher.IndexReader is DirectoryReader reader ? reader.Version : -1;
    }

    private PublisherBoilerplate? Read(long version)
    {
        if (version < 0 || !File.Exists(FilePath)) return null;
        try
        {
            using var input = new BinaryReader(File.OpenRead(FilePath));
            return input.ReadInt64() == version ? PublisherBoilerplate.Load(input) : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null; // learned from the briefs instead
        }
    }

    private void Save()
    {
        var version = CommitVersion(_index);
        if (version < 0 || version == _savedAt) return;
        var temporary = $"{FilePath}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var output = new BinaryWriter(File.Create(temporary)))
            {
                output.Write(version);
                _learned.Save(output);
            }
            File.Move(temporary, FilePath, overwrite: true);
            _savedAt = version;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing is lost: the next opening learns from the briefs. A generation disposed must not fail for it.
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
            }
        }
    }

    private const string Key = "learned-boilerplate";

    /// <summary>The learned boilerplate of <paramref name="index"/>: one per index, disposed with it (learned on first use: every stored brief is read).</summary>
    public static LearnedBoilerplate For(BriefIndex index) => index.Derived(Key, () => new LearnedBoilerplate(index));

    /// <summary>
    /// The learned boilerplate when it is learned already, else null: requests use this, so none waits while a large
    /// index's briefs are read (the service learns it in the background at start; writes learn it with <see cref="For"/>).
    /// </summary>
    public static LearnedBoilerplate? IfLearned(BriefIndex index) => index.DerivedIfReady<LearnedBoilerplate>(Key);

    /// <summary>Changes whenever what is learned may have changed (a commit): text cleaned before is not cleaned the same after.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>The passages of <paramref name="brief"/> without furniture and without what its publisher's briefs (this one included) repeat.</summary>
    public IReadOnlyList<Passage> Passages(Brief brief)
    {
        // The brief counts as holding its own paragraphs: one it shares with two briefs already indexed is boilerplate now.
        lock (_lock) return PassageBuilder.Build(brief, _learned);
    }

    /// <summary>
    /// A stored passage's text without the sentences of its publisher's boilerplate (passages indexed before the
    /// boilerplate was learned still hold it); empty when nothing else is left.
    /// </summary>
    public string Clean(string? publisher, string passage)
    {
        if (publisher is null) return passage;
        // Splitting is done outside the lock: many requests clean snippets at once, commits are rare.
        var sentences = PassageBuilder.Sentences(passage).ToList();
        List<string> learned;
        lock (_lock) learned = sentences.Where(s => !_learned.IsBoilerplateSentence(publisher, s)).ToList();
        var kept = learned.Where(s => !Extraction.PageFurniture.IsNotice(s)).ToList();
        return kept.Count == sentences.Count ? passage : string.Join(" ", kept);
    }

    /// <summary>A copy of what is learned now, for a rebuild that must not see the source change under it.</summary>
    public PublisherBoilerplate Snapshot()
    {
        lock (_lock) return _learned.Copy();
    }

    /// <summary>
    /// Per publisher, how many distinct paragraphs are learned as boilerplate and how many paragraphs of its briefs they
    /// drop. Counted once per version: <c>/health</c> reports them, and counting walks every paragraph of the archive
    /// (millions at 100,000 briefs) under the lock commits take.
    /// </summary>
    public IReadOnlyList<PublisherBoilerplateCount> Counts()
    {
        lock (_lock)
        {
            if (_counts is { } known && known.Version == _version) return known.Counts;
            var counts = _learned.Counts();
            _counts = (_version, counts);
            return counts;
        }
    }

    private (int Version, IReadOnlyList<PublisherBoilerplateCount> Counts)? _counts;

    /// <summary>The learned paragraphs of one publisher, as written in one of its briefs.</summary>
    public IReadOnlyList<string> Examples(string publisher)
    {
        lock (_lock) return _learned.Examples(publisher, _index.Get);
    }

    private void OnCommitted(IndexChanges changes)
    {
        var upserted = changes.Upserted.Select(_index.Get).OfType<Brief>().ToList();
        lock (_lock)
        {
            foreach (var id in changes.Deleted) _learned.Forget(id);
            foreach (var brief in upserted) _learned.Observe(brief);
            Interlocked.Increment(ref _version);
        }
    }

    public void Dispose()
    {
        _index.Committed -= OnCommitted;
        lock (_lock) Save();
    }
}
