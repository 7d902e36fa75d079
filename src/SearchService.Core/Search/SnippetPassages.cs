using Lucene.Net.Index;
using SearchService.Core.Caching;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// The passages snippets were made from, as shown (text without its publisher's boilerplate, and kind), remembered
/// per index and bounded: reading a passage decompresses a block of stored fields and cleaning it splits it into
/// sentences, which was most of a keyword search's time, while the same passages are shown again and again.
/// Entries name the segment and the boilerplate they were read with, so none outlives what it was read from;
/// all are dropped on every commit.
/// </summary>
public sealed class SnippetPassages : IDisposable
{
    /// <summary>Passages kept (about 10 MB of text and 10 MB of analysed words).</summary>
    public const int Kept = 8_192;

    private const string Key = "snippet-passages";
    private readonly BriefIndex _index;
    private readonly BoundedCache<(object Segment, int Doc, int Boilerplate), SnippetPassage> _known = new(Kept);

    private SnippetPassages(BriefIndex index)
    {
        _index = index;
        index.Committed += OnCommitted;
    }

    /// <summary>The remembered passages of <paramref name="index"/>: one per index, disposed with it.</summary>
    public static SnippetPassages For(BriefIndex index) => index.Derived(Key, () => new SnippetPassages(index));

    /// <summary>Passages found remembered (hits) and read from the index (misses), for operators.</summary>
    public long Hits => _known.Hits;
    public long Misses => _known.Misses;

    /// <summary>Passage <paramref name="doc"/> of <paramref name="reader"/> as cleaned with <paramref name="boilerplate"/>; <paramref name="read"/> reads it when it is not remembered.</summary>
    internal SnippetPassage Get(IndexReader reader, int doc, LearnedBoilerplate boilerplate, Func<SnippetPassage> read)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var key = (leaf.AtomicReader.CoreCacheKey, doc - leaf.DocBase, boilerplate.Version);
        if (_known.TryGet(key, out var known)) return known;
        var passage = read();
        _known.Set(key, passage);
        return passage;
    }

    private void OnCommitted(IndexChanges changes) => _known.Clear();

    public void Dispose() => _index.Committed -= OnCommitted;
}

/// <summary>
/// A passage as snippets show it: its text without boilerplate (empty when nothing else is left), its kind, and its
/// words as analysed for highlighting (on first use; kept with the passage).
/// </summary>
internal sealed class SnippetPassage(string text, string? kind)
{
    private PassageWords? _words;

    public string Text { get; } = text;
    public string? Kind { get; } = kind;

    /// <summary>Two threads may analyse the passage at once; either result is the same.</summary>
    public PassageWords Words(Lucene.Net.Analysis.Analyzer analyzer) => _words ??= PassageWords.Of(analyzer, Text);
}
