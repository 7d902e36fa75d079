using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// The index as one search sees it from start to end: every step of the search (matching, filters,
/// facets, snippets) reads the same point-in-time view, however the index changes meanwhile.
/// </summary>
internal sealed class SearchSnapshot
{
    internal SearchSnapshot(IndexSearcher searcher, SegmentBriefDocs briefDocs, StageTimings? timings = null, EncodedQuery? encoded = null)
    {
        Searcher = searcher;
        BriefDocs = briefDocs;
        Timings = timings;
        Encoded = encoded;
    }

    internal IndexSearcher Searcher { get; }

    /// <summary>Which documents of the index are briefs (a passage's brief is the one before it).</summary>
    internal SegmentBriefDocs BriefDocs { get; }

    /// <summary>Where the search's time goes, when the caller asked (null: nothing is recorded).</summary>
    internal StageTimings? Timings { get; }

    /// <summary>The query's vector when it was encoded before the search began (null: the mode encodes it when needed).</summary>
    internal EncodedQuery? Encoded { get; }

    /// <summary>Times one stage of this search (nothing when no timings were asked for).</summary>
    internal StageTimings.Scope Time(string stage) => new(Timings, stage);

    /// <summary>
    /// The briefs with these ids as matches of this snapshot, for modes that rank by id. Ids the index
    /// does not hold are skipped; an id listed twice keeps its best score.
    /// </summary>
    public IReadOnlyList<BriefMatch> Resolve(IEnumerable<(string Id, float Score)> ranked)
    {
        var best = new Dictionary<int, float>();
        foreach (var (id, score) in ranked)
        {
            var hits = Searcher.Search(IndexQueries.Brief(id), 1).ScoreDocs;
            if (hits.Length == 0) continue;
            var doc = hits[0].Doc;
            best[doc] = best.TryGetValue(doc, out var previous) ? Math.Max(previous, score) : score;
        }
        return best.Select(b => new BriefMatch(b.Key, b.Value)).ToList();
    }
}
