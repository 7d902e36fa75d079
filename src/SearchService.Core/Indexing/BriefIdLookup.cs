using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Core.Indexing;

/// <summary>
/// Reads the brief id of a document from doc values, and finds a passage's brief document. Loading stored
/// fields would decompress the whole stored brief (its JSON) for every hit; ranking hundreds of hits must not pay that.
/// </summary>
internal sealed class BriefIdLookup(IndexSearcher searcher)
{
    /// <summary>Per segment core: which documents are briefs (segments never change, so this is computed once).</summary>
    private static readonly ConditionalWeakTable<object, FixedBitSet> BriefDocsBySegment = new();

    private readonly IList<AtomicReaderContext> _leaves = searcher.IndexReader.Leaves;
    private readonly SortedDocValues?[] _values = new SortedDocValues?[searcher.IndexReader.Leaves.Count];
    private readonly BytesRef _scratch = new();

    public string Get(int doc)
    {
        var leafIndex = ReaderUtil.SubIndex(doc, _leaves);
        var leaf = _leaves[leafIndex];
        var values = _values[leafIndex] ??= leaf.AtomicReader.GetSortedDocValues(IndexFields.BriefId)
            ?? throw new InvalidOperationException("The index has no brief id doc values; rebuild it with this version (searchservice index).");
        values.Get(doc - leaf.DocBase, _scratch);
        return _scratch.Utf8ToString();
    }

    /// <summary>
    /// The document of the brief that passage <paramref name="doc"/> belongs to, or -1. A brief and its
    /// passages are added as one block, brief first, and Lucene keeps a block together and in order through
    /// merges, so the brief is the nearest brief document before the passage.
    /// </summary>
    public int BriefDocOf(int doc)
    {
        var leaf = _leaves[ReaderUtil.SubIndex(doc, _leaves)];
        var briefs = BriefDocsBySegment.GetValue(leaf.AtomicReader.CoreCacheKey, _ => BriefDocs(leaf.AtomicReader));
        var brief = briefs.PrevSetBit(doc - leaf.DocBase);
        return brief < 0 ? -1 : leaf.DocBase + brief;
    }

    private static FixedBitSet BriefDocs(AtomicReader reader)
    {
        var briefs = new FixedBitSet(reader.MaxDoc);
        // Deleted documents included: the set belongs to the segment's core, shared by every reader of it.
        var types = reader.GetTerms(IndexFields.DocType)?.GetEnumerator();
        if (types is null || !types.SeekExact(new BytesRef(IndexFields.BriefDoc))) return briefs;
        var postings = types.Docs(liveDocs: null, reuse: null);
        for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc()) briefs.Set(doc);
        return briefs;
    }
}
