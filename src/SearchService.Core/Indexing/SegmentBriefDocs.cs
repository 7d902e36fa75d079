using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Core.Indexing;

/// <summary>
/// Which documents of each segment are briefs (the rest are their passages), computed once per segment (segments
/// never change) and owned by one index (<see cref="SegmentCache{T}"/>).
/// </summary>
internal sealed class SegmentBriefDocs : IDisposable
{
    private readonly SegmentCache<FixedBitSet> _bySegment = new(BriefDocs);
    private readonly SegmentCache<BriefRanks> _ranks;

    public SegmentBriefDocs() => _ranks = new(reader => new BriefRanks(InSegment(reader)));

    /// <summary>The table of <paramref name="index"/>.</summary>
    public static SegmentBriefDocs Of(BriefIndex index) => index.Derived("segment-brief-docs", () => new SegmentBriefDocs());

    /// <summary>
    /// The document of the brief that document <paramref name="doc"/> of a reader with <paramref name="leaves"/> (a
    /// passage, or a brief itself) belongs to, or -1. A brief and its passages are added as one block, brief first,
    /// and Lucene keeps a block together and in order through merges, so the brief is the nearest brief document at
    /// or before the passage.
    /// </summary>
    public int BriefDocOf(IList<AtomicReaderContext> leaves, int doc)
    {
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var brief = _bySegment.For(leaf.AtomicReader).PrevSetBit(doc - leaf.DocBase);
        return brief < 0 ? -1 : leaf.DocBase + brief;
    }

    /// <summary>
    /// The passages of brief document <paramref name="briefDoc"/> of a reader with <paramref name="leaves"/>: the
    /// documents after it up to the next brief (or the end of its segment), as a top-level range [Start, End).
    /// </summary>
    public (int Start, int End) PassagesOf(IList<AtomicReaderContext> leaves, int briefDoc)
    {
        var leaf = leaves[ReaderUtil.SubIndex(briefDoc, leaves)];
        var reader = leaf.AtomicReader;
        var briefs = _bySegment.For(reader);
        var first = briefDoc - leaf.DocBase + 1;
        var next = first < reader.MaxDoc ? briefs.NextSetBit(first) : -1;
        return (leaf.DocBase + first, leaf.DocBase + (next < 0 ? reader.MaxDoc : next));
    }

    /// <summary>The brief documents of one segment (segment document numbers; deleted ones included).</summary>
    public FixedBitSet InSegment(AtomicReader reader) => _bySegment.For(reader);

    /// <summary>Each brief document's rank among the brief documents of one segment, shared by the tables held per brief.</summary>
    public BriefRanks Ranks(AtomicReader reader) => _ranks.For(reader);

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

    public void Dispose()
    {
        _ranks.Dispose();
        _bySegment.Dispose();
    }
}
