using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// Searches briefs in one pipeline for every mode: the mode finds and scores matches (keyword by
/// default, see <see cref="ISearchMode"/>); then filters apply and facets are counted over what the
/// query matched, an optional recency boost adjusts scores, and the results are sorted, paged and
/// given highlighted snippets from each brief's best matching passages.
/// </summary>
public sealed class BriefSearcher
{
    private const int SnippetsPerHit = 2;
    private const int SnippetCharacters = 220;

    private readonly BriefIndex _index;
    private readonly LuceneQueryBuilder _queries;
    private readonly Dictionary<string, ISearchMode> _modes;
    private readonly SearchResultCache? _cache;

    /// <summary>
    /// A searcher with the keyword mode and any <paramref name="otherModes"/> (semantic, hybrid, …); with a
    /// <paramref name="cache"/> (one per index generation, for these modes), repeated requests are answered from it.
    /// </summary>
    public BriefSearcher(BriefIndex index, IEnumerable<ISearchMode>? otherModes = null, SearchResultCache? cache = null)
    {
        _index = index;
        _cache = cache;
        _queries = new LuceneQueryBuilder(index.Analyzer);
        _modes = new Dictionary<string, ISearchMode>(StringComparer.Ordinal) { [KeywordSearchMode.ModeName] = new KeywordSearchMode(index) };
        foreach (var mode in otherModes ?? [])
        {
            if (!_modes.TryAdd(mode.Name, mode)) throw new ArgumentException($"Two search modes are named '{mode.Name}'.", nameof(otherModes));
        }
    }

    /// <summary>The names <see cref="SearchRequest.Mode"/> may take.</summary>
    public IReadOnlyCollection<string> Modes => _modes.Keys;

    /// <summary>
    /// The mode a search box gets when it names none: hybrid when semantic search is on (it measures
    /// best: SciFact test nDCG@10 0.744 against 0.685 for keyword), else keyword.
    /// </summary>
    public string DefaultMode => _modes.ContainsKey(HybridSearchMode.ModeName) ? HybridSearchMode.ModeName : KeywordSearchMode.ModeName;

    /// <summary>Why <paramref name="request"/> cannot be run here, in words for the person who sent it; null when it is fine.</summary>
    public string? Validate(SearchRequest request) =>
        request.Validate()
        ?? (_modes.ContainsKey(request.Mode) ? null : $"mode must be one of: {string.Join(", ", _modes.Keys)} (got \"{(request.Mode.Length > 40 ? request.Mode[..40] + "…" : request.Mode)}\").");

    /// <param name="request">What to search for.</param>
    /// <param name="timings">When given, receives the time of each stage (for metrics).</param>
    public SearchResults Search(SearchRequest request, StageTimings? timings = null)
    {
        if (Validate(request) is { } problem) throw new ArgumentException(problem, nameof(request));
        var stopwatch = Stopwatch.StartNew();
        var userQuery = UserQuery.Parse(request.Query);
        var searcher = _index.Searchers.Acquire();
        try
        {
            if (_cache is not null && _cache.TryGet(searcher.IndexReader, request, out var cached))
            {
                if (timings is not null) timings.FromCache = true;
                return cached with { TookMs = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2) };
            }
            // An empty search box lists everything; relevance means nothing there, so it is newest first.
            var found = userQuery.IsEmpty
                ? new ModeMatches(AllBriefs(searcher))
                : _modes[request.Mode].Match(request, new SearchSnapshot(searcher, timings));
            List<RankedBrief> kept;
            Facets facets;
            using (new StageTimings.Scope(timings, SearchStages.Facets)) (kept, facets) = FacetedFilter.Apply(searcher.IndexReader, found.Matches, request.Filter);
            if (request.Boost == SearchBoost.Recent) kept = BoostRecent(kept);
            var sort = userQuery.IsEmpty ? SearchSort.Date : request.Sort;
            kept.Sort(sort == SearchSort.Date ? NewestFirst : BestFirst);

            // A long text is highlighted by its informative terms (when the mode found them), never word by word.
            var highlight = found.Highlight ?? (LongQuery.IsLong(request.Query) ? null : userQuery);
            var passageQuery = highlight is null ? null : _queries.Build(highlight, FieldWeights.Passages, requireAll: false);
            var semanticFirst = request.Mode == SemanticSearchMode.ModeName;
            List<SearchHit> hits;
            using (new StageTimings.Scope(timings, SearchStages.Snippets))
            {
                hits = kept.Skip((request.Page - 1) * request.Size).Take(request.Size)
                    .Select(brief => ToHit(searcher, brief, passageQuery, found.Evidence?.GetValueOrDefault(brief.Doc), semanticFirst))
                    .ToList();
            }
            var results = new SearchResults(kept.Count, Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2), hits, facets, found.DidYouMean);
            _cache?.Set(searcher.IndexReader, request, results);
            return results;
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    private List<BriefMatch> AllBriefs(IndexSearcher searcher)
    {
        var collector = new AllMatchesCollector();
        searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), collector);
        return collector.Matches.Select(m => m with { Score = 0 }).ToList();
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

    private static int BestFirst(RankedBrief a, RankedBrief b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(a.Id, b.Id);
    }

    private static int NewestFirst(RankedBrief a, RankedBrief b)
    {
        var byDate = b.Date.CompareTo(a.Date);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>
    /// Ids of the best <paramref name="k"/> briefs for <paramref name="request"/>'s query in its mode, without
    /// filters, facets or snippets: the ranking alone, as evaluation measures it.
    /// </summary>
    public IReadOnlyList<string> RankIds(SearchRequest request, int k)
    {
        if (Validate(request) is { } problem) throw new ArgumentException(problem, nameof(request));
        if (UserQuery.Parse(request.Query).IsEmpty) return [];
        var searcher = _index.Searchers.Acquire();
        try
        {
            var found = _modes[request.Mode].Match(request, new SearchSnapshot(searcher));
            var ids = new BriefIdLookup(searcher);
            var best = new PriorityQueue<BriefMatch, BriefMatch>(k + 1, WorstFirst);
            foreach (var match in found.Matches) TopK.Offer(best, match, match, k);
            return TopK.BestFirst(best).Select(m => ids.Get(m.Doc)).ToList();
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    private SearchHit ToHit(IndexSearcher searcher, RankedBrief brief, Query? passageQuery, IReadOnlyList<int>? evidence, bool semanticFirst)
    {
        var document = searcher.Doc(brief.Doc);
        var id = document.Get(IndexFields.BriefId);
        var date = document.Get(IndexFields.Date) is { } text && DateOnly.TryParse(text, out var parsed) ? parsed : (DateOnly?)null;
        var score = float.IsNaN(brief.Score) ? 0f : brief.Score;
        var snippets = Snippets(searcher, id, document.Get(IndexFields.Publisher), passageQuery, evidence, semanticFirst);
        return new SearchHit(id, document.Get(IndexFields.Title), date, document.GetValues(IndexFields.Tag), score, snippets);
    }

    /// <summary>Passages whose words match this much of the best match's score match "as well": a statement among them is preferred to body text.</summary>
    private const float AsWellMatched = 0.85f;
    /// <summary>Matching passages of one brief considered for its snippets.</summary>
    private const int SnippetCandidates = 8;

    /// <summary>
    /// The brief's best matching passages, highlighted: those that match the words (its summary, findings and
    /// recommendations first when they match as well as body text), and those that match by meaning
    /// (<paramref name="evidence"/>, first in semantic mode) even with no word in common; how the brief begins when
    /// neither does. Never its publisher's boilerplate or page furniture.
    /// </summary>
    private List<string> Snippets(IndexSearcher searcher, string briefId, string? publisher, Query? passageQuery, IReadOnlyList<int>? evidence, bool semanticFirst)
    {
        var encoder = new SimpleHTMLEncoder();
        var boilerplate = LearnedBoilerplate.For(_index);
        var snippets = new List<string>();
        string? Readable(int doc) => boilerplate.Clean(publisher, searcher.Doc(doc).Get(IndexFields.Text)) is { Length: > 0 } text ? text : null;
        var byMeaning = (evidence ?? []).Select(Readable).OfType<string>().Select(text => Highlight(text, passageQuery, encoder)).ToList();
        if (semanticFirst) snippets.AddRange(byMeaning.Take(SnippetsPerHit));
        var ofBrief = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.BriefId, briefId)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), Occur.MUST },
        };
        if (passageQuery is not null && snippets.Count < SnippetsPerHit)
        {
            var matching = new BooleanQuery { { passageQuery, Occur.MUST }, { ofBrief, Occur.MUST } };
            foreach (var passage in StatementsFirst(searcher, searcher.Search(matching, SnippetCandidates).ScoreDocs))
            {
                if (Readable(passage.Doc) is not { } text) continue;
                var fragment = Highlight(text, passageQuery, encoder);
                if (!snippets.Contains(fragment)) snippets.Add(fragment);
                if (snippets.Count == SnippetsPerHit) break;
            }
        }
        foreach (var passage in byMeaning)
        {
            if (snippets.Count >= SnippetsPerHit) break;
            if (!snippets.Contains(passage)) snippets.Add(passage);
        }
        if (snippets.Count == 0)
        {
            // Nothing in the text matched (the title did): show how the brief begins, its summary first.
            var first = searcher.Search(ofBrief, null, 8, new Sort(SortField.FIELD_DOC)).ScoreDocs
                .Select(d => Readable(d.Doc)).FirstOrDefault(text => text is not null);
            if (first is not null) snippets.Add(encoder.EncodeText(Shorten(first)));
        }
        return snippets;
    }

    /// <summary>
    /// Matching passages best first, except that a summary, finding or recommendation scoring at least
    /// <see cref="AsWellMatched"/> of the best goes before body text: it says what the brief concludes.
    /// </summary>
    private static IEnumerable<ScoreDoc> StatementsFirst(IndexSearcher searcher, ScoreDoc[] hits)
    {
        if (hits.Length == 0) return hits;
        var best = hits[0].Score;
        return hits
            .Select((hit, rank) => (hit, rank, statement: hit.Score >= best * AsWellMatched && IsStatement(searcher.Doc(hit.Doc).Get(IndexFields.PassageKind))))
            .OrderBy(h => h.statement ? 0 : 1).ThenBy(h => h.rank)
            .Select(h => h.hit);
    }

    private static bool IsStatement(string? kind) =>
        kind is nameof(PassageKind.Summary) or nameof(PassageKind.Finding) or nameof(PassageKind.Recommendation);

    /// <summary>A passage as a snippet: its best fragment with the query's words marked, or its beginning, escaped.</summary>
    private string Highlight(string text, Query? query, SimpleHTMLEncoder encoder)
    {
        if (query is not null)
        {
            var scorer = new QueryScorer(query, IndexFields.Text);
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), encoder, scorer) { TextFragmenter = new SimpleSpanFragmenter(scorer, SnippetCharacters) };
            if (highlighter.GetBestFragment(_index.Analyzer, IndexFields.Text, text) is { Length: > 0 } fragment) return fragment.Trim();
        }
        return encoder.EncodeText(Shorten(text));
    }

    private static string Shorten(string text)
    {
        if (text.Length <= SnippetCharacters) return text;
        var cut = text.LastIndexOf(' ', SnippetCharacters);
        return text[..(cut > 0 ? cut : SnippetCharacters)] + " …";
    }
}
