using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Core.Search;

/// <summary>
/// Lets through the documents in a few ranges of document numbers (a page's briefs' passages, which follow each brief
/// as one block). Its sets have no random-access bits, so a filtered search leaps from range to range through the
/// query's postings: the cost follows the ranges, not the index (a <c>TermsFilter</c> builds a bit set of the whole
/// segment and a search then walks every document the query matches).
/// </summary>
internal sealed class DocRangesFilter : Filter
{
    private readonly (int Start, int End)[] _ranges;

    /// <param name="ranges">Top-level document ranges, each [Start, End); any order, may be empty.</param>
    public DocRangesFilter(IEnumerable<(int Start, int End)> ranges) =>
        _ranges = ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start).ToArray();

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var docBase = context.DocBase;
        var maxDoc = context.AtomicReader.MaxDoc;
        var local = new List<(int Start, int End)>();
        foreach (var (start, end) in _ranges)
        {
            var from = Math.Max(start - docBase, 0);
            var to = Math.Min(end - docBase, maxDoc);
            if (from < to) local.Add((from, to));
        }
        return new RangesDocIdSet([.. local], acceptDocs);
    }

    private sealed class RangesDocIdSet((int Start, int End)[] ranges, IBits? acceptDocs) : DocIdSet
    {
        public override DocIdSetIterator GetIterator() => new RangesIterator(ranges, acceptDocs);
    }

    /// <summary>Ascending documents of sorted, non-overlapping ranges that <c>acceptDocs</c> accepts.</summary>
    private sealed class RangesIterator((int Start, int End)[] ranges, IBits? acceptDocs) : DocIdSetIterator
    {
        private int _range;
        private int _doc = -1;

        public override int DocID => _doc;

        public override int NextDoc() => Advance(_doc + 1);

        public override int Advance(int target)
        {
            while (_range < ranges.Length)
            {
                var (start, end) = ranges[_range];
                for (var doc = Math.Max(target, start); doc < end; doc++)
                {
                    if (acceptDocs is null || acceptDocs.Get(doc)) return _doc = doc;
                }
                _range++;
            }
            return _doc = NO_MORE_DOCS;
        }

        public override long GetCost() => ranges.Sum(r => (long)(r.End - r.Start));
    }
}
