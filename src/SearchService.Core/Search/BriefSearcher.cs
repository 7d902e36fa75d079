using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Indexing;
using SearchService.Core.Synonyms;
using SearchService.Core.Queries;

namespace SearchService.Core.Search;

/// <summary>
/// Searches briefs in one pipeline for every mode: the mode finds and scores matches (keyword by
/// default, see <see cref="ISearchMode"/>); then filters apply and facets are counted over what the
/// query matched, an optional recency boost adjusts scores, and the results are sorted, paged and
/// given highlighted snippets from each brief's best matching passages.
/// </summary>
public sealed class BriefSearcher
{
    private readonly BriefIndex _index;
    private readonly LuceneQueryBuilder _queries;
    private readonly Dictionary<string, ISearchMode> _modes;
    private readonly SearchResultCache? _cache;
    private readonly SynonymSet _synonyms;

    /// <summary>
    /// A searcher with the keyword mode and any <paramref name="otherModes"/> (semantic, hybrid, …); with a
    /// <paramref name="cache"/> (one per index generation, for these modes), repeated requests are answered from it.
    /// <paramref name="synonyms"/> are applied by the keyword mode (give the other modes the same set) and are part of
    /// the cache key, so a change of synonyms is never answered from results computed under the old ones.
    /// </summary>
    public BriefSearcher(BriefIndex index, IEnumerable<ISearchMode>? otherModes = null, SearchResultCache? cache = null, SynonymSet? synonyms = null)
    {
        _index = index;
        _cache = cache;
        _synonyms = synonyms ?? SynonymSet.Empty;
        _queries = new LuceneQueryBuilder(index.Analyzer);
        _modes = new Dictionary<string, ISearchMode>(StringComparer.Ordinal) { [KeywordSearchMode.ModeName] = new KeywordSearchMode(index, _synonyms) };
        foreach (var mode in otherModes ?? [])
        {
            if (!_modes.TryAdd(mode.Name, mode)) throw new ArgumentException($"Two search modes are named '{mode.Name}'.", nameof(otherModes));
        }
    }

    /// <summary>The names <see cref="SearchRequest.Mode"/> may take.</summary>
    public IReadOnlyCollection<string> Modes => _modes.Keys;

    /// <summary>The mode a search box gets when it names none (see <see cref="SearchModes.DefaultOf"/>).</summary>
    public string DefaultMode => SearchModes.DefaultOf(_modes.Keys);

    /// <summary>Why <paramref name="request"/> cannot be run here, in words for the person who sent it; null when it is fine.</summary>
    public string? Validate(SearchRequest request) =>
        request.Validate()
        ?? (_modes.ContainsKey(request.Mode) ? null : $"mode must be one of: {string.Join(", ", _modes.Keys)} (got \"{(request.Mode.Length > 40 ? request.Mode[..40] + "…" : request.Mode)}\").");

    /// <param name="request">What to search for.</param>
    /// <param name="timings">When given, receives the time of each stage (for metrics).</param>
    public SearchResults Search(SearchRequest request, StageTimings? timings = null)
    {
        if (Validate(request) is { } problem) throw new ArgumentException(problem, nameof(request));
        return Search(request, timings, Stopwatch.StartNew(), encoded: null);
    }

    /// <summary>
    /// <see cref="Search(SearchRequest, StageTimings?)"/> for a server: the query is encoded (modes that search by
    /// meaning) before the search takes a thread, so while the encoder works no thread waits for it.
    /// </summary>
    public async Task<SearchResults> SearchAsync(SearchRequest request, StageTimings? timings = null, CancellationToken cancellationToken = default)
    {
        if (Validate(request) is { } problem) throw new ArgumentException(problem, nameof(request));
        var stopwatch = Stopwatch.StartNew();
        EncodedQuery? encoded = null;
        if (!UserQuery.Parse(request.Query).IsEmpty && !IsCached(request))
        {
            var started = Stopwatch.GetTimestamp();
            encoded = await _modes[request.Mode].EncodeAsync(request, cancellationToken).ConfigureAwait(false);
            // Only modes that encoded something ran the stage (a keyword search's log shows no encoding at all).
            if (encoded is not null) timings?.Add(SearchStages.Encode, Stopwatch.GetElapsedTime(started));
        }
        return Search(request, timings, stopwatch, encoded);
    }

    private bool IsCached(SearchRequest request)
    {
        if (_cache is null) return false;
        using var lease = _index.AcquireSearcher();
        return _cache.TryGet(lease.Searcher.IndexReader, _synonyms, request, out _);
    }

    private SearchResults Search(SearchRequest request, StageTimings? timings, Stopwatch stopwatch, EncodedQuery? encoded)
    {
        var userQuery = UserQuery.Parse(request.Query);
        using var lease = _index.AcquireSearcher();
        var searcher = lease.Searcher;
        if (_cache is not null && _cache.TryGet(searcher.IndexReader, _synonyms, request, out var cached))
        {
            if (timings is not null) timings.FromCache = true;
            return cached with { TookMs = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2) };
        }
        var briefDocs = SegmentBriefDocs.Of(_index);
        // An empty search box lists everything; relevance means nothing there, so it is newest first.
        var found = userQuery.IsEmpty
            ? new ModeMatches(AllBriefs(searcher))
            : _modes[request.Mode].Match(request, new SearchSnapshot(searcher, briefDocs, timings, encoded));
        List<RankedBrief> kept;
        Facets facets;
        using (new StageTimings.Scope(timings, SearchStages.Facets)) (kept, facets) = FacetedFilter.Apply(searcher.IndexReader, found.Matches, request.Filter, SegmentFacetValues.Of(_index));
        if (request.Boost == SearchBoost.Recent) kept = BoostRecent(kept);
        var sort = userQuery.IsEmpty ? SearchSort.Date : request.Sort;
        var ids = new TiedIds(searcher);
        Comparison<RankedBrief> order = sort == SearchSort.Date ? (a, b) => NewestFirst(a, b, ids) : (a, b) => BestFirst(a, b, ids);
        var upToPage = First(kept, (long)request.Page * request.Size, order);

        // A long text is highlighted by its informative terms (when the mode found them), never word by word.
        var highlight = found.Highlight ?? (LongQuery.IsLong(request.Query) ? null : userQuery);
        var passageQuery = highlight is null ? null : _queries.Build(highlight, FieldWeights.Passages, requireAll: false);
        var semanticFirst = request.Mode == SemanticSearchMode.ModeName;
        List<SearchHit> hits;
        using (new StageTimings.Scope(timings, SearchStages.Snippets))
        {
            var page = upToPage.Skip((request.Page - 1) * request.Size).Take(request.Size).Select(brief => (Brief: brief, Id: ids.Get(brief.Doc))).ToList();
            var leaves = searcher.IndexReader.Leaves;
            var snippets = new HitSnippets(searcher, _index.Analyzer, LearnedBoilerplate.IfLearned(_index), SnippetPassages.For(_index),
                page.Select(p => briefDocs.PassagesOf(leaves, p.Brief.Doc)).ToList(), passageQuery);
            hits = page.Select(p => ToHit(searcher, p.Brief, p.Id,
                snippets.For(p.Id, Publisher(searcher.IndexReader, p.Brief.Doc), found.Evidence?.GetValueOrDefault(p.Brief.Doc), semanticFirst))).ToList();
        }
        var results = new SearchResults(kept.Count, Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2), hits, facets, found.DidYouMean);
        _cache?.Set(searcher.IndexReader, _synonyms, request, results);
        return results;
    }

    /// <summary>
    /// The first <paramref name="count"/> of <paramref name="briefs"/> in <paramref name="order"/>, ordered. Only what the
    /// page needs is ordered: at 100,000 briefs a query matches tens of thousands, and sorting them all (ids read for
    /// every tie) was most of a keyword search.
    /// </summary>
    private static List<RankedBrief> First(List<RankedBrief> briefs, long count, Comparison<RankedBrief> order)
    {
        if (count >= briefs.Count)
        {
            briefs.Sort(order);
            return briefs;
        }
        var kept = (int)count;
        // The worst kept brief on top, so a better one replaces it.
        var best = new PriorityQueue<RankedBrief, RankedBrief>(kept + 1, Comparer<RankedBrief>.Create((a, b) => order(b, a)));
        foreach (var brief in briefs)
        {
            if (best.Count < kept) best.Enqueue(brief, brief);
            else if (kept > 0 && order(brief, best.Peek()) < 0) best.DequeueEnqueue(brief, brief);
        }
        var first = best.UnorderedItems.Select(item => item.Element).ToList();
        first.Sort(order);
        return first;
    }

    private List<BriefMatch> AllBriefs(IndexSearcher searcher)
    {
        return AllMatches.Of(_index).Collect(searcher, new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc))).Select(m => m with { Score = 0 }).ToList();
    }

    private static List<RankedBrief> BoostRecent(List<RankedBrief> briefs)
    {
        var dated = briefs.Where(b => b.Date > 0).Select(b => BriefDocuments.FromDateNumber(b.Date)!.Value).ToList();
        if (dated.Count == 0) return briefs;
        var (newest, oldest) = (dated.Max(), dated.Min());
        return briefs.Select(b =>
        {
            var date = BriefDocuments.FromDateNumber(b.Date) ?? oldest;
            return b with { Score = (float)(b.Score * RecencyBoost.Factor(date, newest)) };
        }).ToList();
    }

    /// <summary>Lower score first, and of equal scores the later document: the order in which <see cref="RankIds"/> lets matches go.</summary>
    private static readonly Comparer<BriefMatch> WorstFirst = Comparer<BriefMatch>.Create(static (a, b) =>
        a.Score.CompareTo(b.Score) is var order && order != 0 ? order : b.Doc.CompareTo(a.Doc));

    private static int BestFirst(RankedBrief a, RankedBrief b, TiedIds ids)
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : ids.Compare(a.Doc, b.Doc);
    }

    private static int NewestFirst(RankedBrief a, RankedBrief b, TiedIds ids)
    {
        var byDate = b.Date.CompareTo(a.Date);
        return byDate != 0 ? byDate : ids.Compare(a.Doc, b.Doc);
    }

    /// <summary>Brief ids read from doc values when a tie or the page needs them, each once per search.</summary>
    private sealed class TiedIds(IndexSearcher searcher)
    {
        private readonly BriefIdLookup _lookup = new(searcher);
        private readonly Dictionary<int, string> _read = [];

        public string Get(int doc)
        {
            if (!_read.TryGetValue(doc, out var id)) _read[doc] = id = _lookup.Get(doc);
            return id;
        }

        public int Compare(int a, int b) => a == b ? 0 : string.CompareOrdinal(Get(a), Get(b));
    }

    /// <summary>
    /// Ids of the best <paramref name="k"/> briefs for <paramref name="request"/>'s query in its mode, without
    /// filters, facets or snippets: the ranking alone, as evaluation measures it.
    /// </summary>
    public IReadOnlyList<string> RankIds(SearchRequest request, int k)
    {
        if (Validate(request) is { } problem) throw new ArgumentException(problem, nameof(request));
        if (UserQuery.Parse(request.Query).IsEmpty) return [];
        using var lease = _index.AcquireSearcher();
        var searcher = lease.Searcher;
        var found = _modes[request.Mode].Match(request, new SearchSnapshot(searcher, SegmentBriefDocs.Of(_index)));
        var ids = new BriefIdLookup(searcher);
        var best = new PriorityQueue<BriefMatch, BriefMatch>(k + 1, WorstFirst);
        foreach (var match in found.Matches) TopK.Offer(best, match, match, k);
        return TopK.BestFirst(best).Select(m => ids.Get(m.Doc)).ToList();
    }

    private static SearchHit ToHit(IndexSearcher searcher, RankedBrief brief, string id, List<string> snippets)
    {
        var headline = Headline(searcher.IndexReader, brief.Doc);
        var score = float.IsNaN(brief.Score) ? 0f : brief.Score;
        return new SearchHit(id, headline.Title, BriefDocuments.FromDateNumber(brief.Date), headline.Tags, score, snippets);
    }

    /// <summary>The brief's title and tags from doc values; from its stored fields when it was indexed before headlines were.</summary>
    private static BriefHeadline Headline(IndexReader reader, int doc)
    {
        var leaf = reader.Leaves[ReaderUtil.SubIndex(doc, reader.Leaves)];
        if (leaf.AtomicReader.GetBinaryDocValues(IndexFields.Headline) is { } values
            && BriefHeadline.Read(values, doc - leaf.DocBase, new BytesRef()) is { } headline) return headline;
        var stored = reader.Document(doc, HeadlineFields);
        return new BriefHeadline(stored.Get(IndexFields.Title), stored.GetValues(IndexFields.Tag));
    }

    private static readonly ISet<string> HeadlineFields = new HashSet<string> { IndexFields.Title, IndexFields.Tag };

    /// <summary>The brief's publisher from its facet doc values (whose boilerplate its snippets leave out); null when it names none.</summary>
    private static string? Publisher(IndexReader reader, int doc)
    {
        var leaf = reader.Leaves[ReaderUtil.SubIndex(doc, reader.Leaves)];
        return BriefDocuments.FacetValues(leaf.AtomicReader, IndexFields.Publisher, doc - leaf.DocBase).FirstOrDefault();
    }

}
