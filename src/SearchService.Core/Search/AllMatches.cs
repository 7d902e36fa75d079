using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// Every brief a query matches, with its score, in document order: facets count the whole match set, and filters,
/// sorting and paging happen after matching. A broad query on a large segment is scored in parts of the segment, one
/// per core, on as many threads, while fewer collections run than there are cores: on an otherwise idle machine the
/// slowest searches use every core, and under load (every core busy) nothing is split. One per index
/// (<see cref="Of"/>), as it counts the collections running against it.
/// </summary>
internal sealed class AllMatches
{
    /// <summary>Below this many possible matches in a segment (the scorer's cost), splitting costs more than it saves.</summary>
    public const long DefaultSplitFrom = 8_192;

    private readonly SegmentBriefDocs _briefDocs;
    private readonly int _cores;
    private readonly long _splitFrom;
    private int _running;
    private long _splits;

    /// <param name="index">The index searched (its brief documents are where parts start).</param>
    /// <param name="cores">How many collections may run before none is split, and the parts of a split segment (the processors, by default).</param>
    /// <param name="splitFrom">The fewest possible matches in a segment for it to be split.</param>
    public AllMatches(BriefIndex index, int? cores = null, long splitFrom = DefaultSplitFrom)
    {
        _briefDocs = SegmentBriefDocs.Of(index);
        _cores = Math.Max(1, cores ?? Environment.ProcessorCount);
        _splitFrom = splitFrom;
    }

    /// <summary>How many segments were scored in parts so far.</summary>
    public long Splits => Interlocked.Read(ref _splits);

    /// <summary>The collector shared by every search of <paramref name="index"/>.</summary>
    public static AllMatches Of(BriefIndex index) => index.Derived("all-matches", () => new AllMatches(index));

    /// <summary>
    /// Every match of <paramref name="query"/> (which must match brief documents only), in document order. Scores come
    /// from each document's own scorer, so they are the same whether or not a segment was split.
    /// </summary>
    public List<BriefMatch> Collect(IndexSearcher searcher, Query query)
    {
        Interlocked.Increment(ref _running);
        try
        {
            var weight = searcher.CreateNormalizedWeight(query);
            var matches = new List<BriefMatch>();
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var live = leaf.AtomicReader.LiveDocs;
                if (weight.GetScorer(leaf, live) is not { } scorer) continue;
                var end = leaf.AtomicReader.MaxDoc;
                var possible = Math.Min(scorer.GetCost(), leaf.AtomicReader.DocFreq(new Term(IndexFields.DocType, IndexFields.BriefDoc)));
                matches.EnsureCapacity(matches.Count + (int)possible);
                if (possible < _splitFrom || Volatile.Read(ref _running) >= _cores)
                {
                    Add(matches, leaf.DocBase, scorer, 0, end);
                    continue;
                }
                Interlocked.Increment(ref _splits);
                // Parts of equal length, each starting at a brief document (the first after its share of the segment).
                var briefs = _briefDocs.InSegment(leaf.AtomicReader);
                var bounds = Enumerable.Range(0, _cores + 1)
                    .Select(part => part == _cores ? end : briefs.NextSetBit((int)((long)end * part / _cores)) is var brief and >= 0 ? brief : end)
                    .ToArray();
                var later = Enumerable.Range(1, _cores - 1).Select(part => Task.Run(() =>
                {
                    var found = new List<BriefMatch>((int)(possible / _cores));
                    Add(found, leaf.DocBase, weight.GetScorer(leaf, live), bounds[part], bounds[part + 1]);
                    return found;
                })).ToList();
                Add(matches, leaf.DocBase, scorer, 0, bounds[1]);
                // Waiting runs a part here when no other thread has started it (and rethrows what a part threw, as is).
                foreach (var part in later) matches.AddRange(part.GetAwaiter().GetResult());
            }
            return matches;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>Adds the matches of <paramref name="scorer"/> among documents [from, to) of its segment.</summary>
    private static void Add(List<BriefMatch> matches, int docBase, Scorer? scorer, int from, int to)
    {
        if (scorer is null || from >= to) return;
        for (var doc = from == 0 ? scorer.NextDoc() : scorer.Advance(from); doc < to; doc = scorer.NextDoc())
            matches.Add(new BriefMatch(docBase + doc, scorer.GetScore()));
    }
}
