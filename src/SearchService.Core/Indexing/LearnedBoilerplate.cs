using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Briefs;
using SearchService.Core.Passages;

namespace SearchService.Core.Indexing;

/// <summary>
/// The boilerplate one index generation has learned from its briefs, per publisher (<see cref="PublisherBoilerplate"/>):
/// counted from every stored brief when first asked for, then kept current on every commit (a brief added, replaced
/// or deleted is counted again or forgotten). Disposed with the generation.
/// </summary>
public sealed class LearnedBoilerplate : IDisposable
{
    private readonly BriefIndex _index;
    private readonly PublisherBoilerplate _learned = new();
    private readonly System.Threading.Lock _lock = new();
    private int _version;

    private LearnedBoilerplate(BriefIndex index)
    {
        _index = index;
        // Subscribed before reading, so no commit between the two is missed (a brief counted twice is counted once).
        index.Committed += OnCommitted;
        foreach (var brief in index.AllBriefs()) _learned.Observe(brief);
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

    public void Dispose() => _index.Committed -= OnCommitted;
}
