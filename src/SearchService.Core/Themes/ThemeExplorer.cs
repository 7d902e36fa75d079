using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Indexing.Vectors;
using SearchService.Core.Indexing.Suggestions;
using SearchService.Core.Queries;

namespace SearchService.Core.Themes;

/// <summary>
/// Finds a theme across publications at passage level: findings and recommendations that match by
/// keywords (BM25) or by meaning (sentence embeddings), fused by reciprocal rank, grouped by brief,
/// counted per year and publisher, with the topics and phrases that come up alongside. Several themes
/// are matched one by one under the same filters and compared: where a passage matches all of them, they meet.
/// </summary>
public sealed class ThemeExplorer(BriefIndex index, ITextEncoder? encoder)
{
    /// <summary>
    /// Standard deviations above an unrelated pair's cosine (on the encoder's <see cref="SimilarityScale"/>) below
    /// which a passage is not "about" the query, however high it ranks: the semantic list always has a top, even
    /// for a theme no brief mentions. Stricter than search's 2: a theme lists statements, not briefs. (0.35 for MiniLM.)
    /// </summary>
    public const float MinimumSpreadsAboveUnrelated = 2.5f;

    private const int CandidateDepth = 300;
    private const int TopicsShown = 12;

    /// <summary>Findings and recommendations: a bit set per segment, kept by the generation and dropped with it.</summary>
    private Filter StatementsOnly => index.Derived(nameof(StatementsFilter), () => new StatementsFilter()).Filter;

    /// <summary><see cref="ExploreAsync"/>, waited for on the calling thread (the CLI).</summary>
    public ThemeResults Explore(ThemeRequest request) => ExploreAsync(request).GetAwaiter().GetResult();

    /// <summary>
    /// The theme. Its queries are encoded (side by side) before the exploration takes a thread, so on a server no thread
    /// waits while the encoder works (a pasted text's pieces take a tenth of a second).
    /// </summary>
    public async Task<ThemeResults> ExploreAsync(ThemeRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { } problem) throw new ArgumentException(problem, nameof(request));
        var stopwatch = Stopwatch.StartNew();
        var vectors = encoder is null ? null : await Task.WhenAll(request.Queries.Select(query => QueryEncoding.EncodeAsync(encoder, query, cancellationToken))).ConfigureAwait(false);

        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
        var filter = PassageFilter(searcher, request);
        var themes = request.Queries.Select((query, i) => Match(searcher, query, vectors?[i], filter)).ToList();
        var listedByTheme = themes.Select(t => t.Fused.Take(request.Size).ToList()).ToList();
        // Fused scores are reciprocal ranks, comparable across themes: a passage listed by several keeps its best.
        var listed = listedByTheme.SelectMany(l => l)
            .GroupBy(p => p.Doc)
            .Select(g => (Doc: g.Key, Score: g.Max(p => p.Score)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Doc)
            .ToList();

        var highlight = HighlightQuery(themes);
        var loaded = new Dictionary<int, LoadedPassage>();
        LoadedPassage LoadOnce(int doc, float score) =>
            loaded.TryGetValue(doc, out var known) ? known : loaded[doc] = Load(searcher, doc, score, highlight, themes);
        var passages = listed.Select(p => LoadOnce(p.Doc, p.Score)).ToList();

        var series = themes.Select((theme, i) =>
        {
            var own = listedByTheme[i].Select(p => loaded[p.Doc]).ToList();
            return new ThemeSeries(theme.Query, own.Count, own.Select(p => p.BriefId).Distinct().Count(), Years(own), Publishers(own));
        }).ToList();
        var queryTerms = request.Queries.SelectMany(q => UserQuery.Parse(q).PositiveParts).SelectMany(p => index.Analyzer.Terms(p.Text)).ToHashSet();

        var results = new ThemeResults(request.Query, passages.Count, 0, Group(passages), Years(passages), Topics(searcher, passages, queryTerms))
        {
            Queries = request.Queries,
            Publishers = Publishers(passages),
            KeyPhrases = KeyPhrases(passages, queryTerms),
            Themes = series,
            Meetings = themes.Count > 1 ? Meetings(themes, LoadOnce) : [],
        };
        return results with { TookMs = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2) };
    }

    /// <summary>One theme's candidates: every keyword match and meaning match (up to the candidate depth), fused.</summary>
    private sealed record ThemeMatch(string Query, Query? KeywordQuery, List<(int Doc, float Score)> Fused, Dictionary<int, float> FusedByDoc, HashSet<int> KeywordDocs, HashSet<int> MeaningDocs)
    {
        public bool Contains(int doc) => FusedByDoc.ContainsKey(doc);
    }

    private ThemeMatch Match(IndexSearcher searcher, string query, float[]? vector, Filter filter)
    {
        var userQuery = UserQuery.Parse(query);
        var builder = new LuceneQueryBuilder(index.Analyzer);
        var isLong = LongQuery.IsLong(query);
        // A long text is "passages like this text": its most informative terms, not every word.
        var keywordQuery = isLong
            ? TextLikeQuery.Build(searcher.IndexReader, index.Analyzer, query, IndexFields.Text).Query
            : builder.Build(userQuery, FieldWeights.Passages, requireAll: true);
        var keyword = keywordQuery is null ? [] : searcher.Search(keywordQuery, filter, CandidateDepth).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();
        // Without embeddings, any word may match when no statement has them all; with them, meaning gives the recall.
        if (keyword.Count == 0 && encoder is null && userQuery.Groups.Count > 1 && !isLong && builder.Build(userQuery, FieldWeights.Passages, requireAll: false) is { } anyWord)
            keyword = searcher.Search(anyWord, filter, CandidateDepth).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();

        var meaning = encoder is null || vector is null
            ? []
            : VectorSearch.Nearest(searcher, IndexFields.Vector, vector, CandidateDepth, filter)
                .Where(p => p.Score >= encoder.Similarity.Above(MinimumSpreadsAboveUnrelated)).ToList();

        var fused = HybridFusion.ReciprocalRank(keyword, meaning).Select(f => (Doc: f.Id, f.Score)).ToList();
        return new ThemeMatch(query, keywordQuery, fused, fused.ToDictionary(f => f.Doc, f => f.Score),
            keyword.Select(k => k.Doc).ToHashSet(), meaning.Select(m => m.Doc).ToHashSet());
    }

    /// <summary>Findings and recommendations of the briefs the filter selects, within its dates.</summary>
    private Filter PassageFilter(IndexSearcher searcher, ThemeRequest request)
    {
        var dates = DateFilter(request);
        var briefs = SelectedBriefs(AllMatches.Of(index), searcher, request.Filter);
        if (dates is null && briefs is null) return StatementsOnly;
        var filter = new BooleanFilter { new FilterClause(StatementsOnly, Occur.MUST) };
        if (dates is not null) filter.Add(new FilterClause(dates, Occur.MUST));
        if (briefs is not null) filter.Add(new FilterClause(briefs, Occur.MUST));
        return filter;
    }

    /// <summary>
    /// Passages hold no tags, types or publishers, so those filters select briefs first and passages by their brief's id;
    /// null when none is set.
    /// </summary>
    private static Filter? SelectedBriefs(AllMatches matches, IndexSearcher searcher, BriefFilter filter)
    {
        var fieldFilters = new[] { FacetDimension.Tags, FacetDimension.Authors, FacetDimension.Type, FacetDimension.Publisher }
            .Select(d => d.FilterOf(filter)).OfType<Filter>().ToList();
        if (fieldFilters.Count == 0) return null;
        var briefFilter = new BooleanFilter { new FilterClause(new TermFilter(new Term(IndexFields.DocType, IndexFields.BriefDoc)), Occur.MUST) };
        foreach (var fieldFilter in fieldFilters) briefFilter.Add(new FilterClause(fieldFilter, Occur.MUST));

        var ids = MultiDocValues.GetSortedValues(searcher.IndexReader, IndexFields.BriefId);
        var selected = matches.Collect(searcher, new ConstantScoreQuery(briefFilter)).Select(m =>
        {
            var id = new BytesRef();
            ids.Get(m.Doc, id);
            return id;
        }).ToList();
        // An empty BooleanQuery matches nothing: no brief passes, so no passage does.
        return selected.Count == 0 ? new QueryWrapperFilter(new BooleanQuery()) : new TermsFilter(IndexFields.BriefId, selected);
    }

    private sealed record LoadedPassage(string BriefId, ThemePassage Passage, Brief Brief);

    private LoadedPassage Load(IndexSearcher searcher, int doc, float score, Query? highlight, List<ThemeMatch> themes)
    {
        var stored = searcher.Doc(doc);
        var text = stored.Get(IndexFields.Text);
        var briefId = stored.Get(IndexFields.BriefId);
        var brief = index.Get(briefId)!;
        var kind = stored.Get(IndexFields.PassageKind) == nameof(PassageKind.Finding) ? "finding" : "recommendation";
        var section = stored.Get(IndexFields.Section);
        var passage = new ThemePassage(kind, string.IsNullOrEmpty(section) ? null : section, Highlight(highlight, text), text, MathF.Round(score, 5),
            themes.Any(t => t.KeywordDocs.Contains(doc)), themes.Any(t => t.MeaningDocs.Contains(doc)))
        {
            Id = stored.Get(IndexFields.PassageId) ?? "",
            Themes = Enumerable.Range(0, themes.Count).Where(i => themes[i].Contains(doc)).ToList(),
            ThemesByMeaningOnly = Enumerable.Range(0, themes.Count).Where(i => themes[i].MeaningDocs.Contains(doc) && !themes[i].KeywordDocs.Contains(doc)).ToList(),
        };
        return new LoadedPassage(briefId, passage, brief);
    }

    /// <summary>Every theme's keyword query, so a passage shows the words of each theme it matches.</summary>
    private static Query? HighlightQuery(List<ThemeMatch> themes)
    {
        var queries = themes.Select(t => t.KeywordQuery).OfType<Query>().ToList();
        if (queries.Count <= 1) return queries.FirstOrDefault();
        var combined = new BooleanQuery();
        foreach (var query in queries) combined.Add(query, Occur.SHOULD);
        return combined;
    }

    private string Highlight(Query? query, string text)
    {
        var encoder = new SimpleHTMLEncoder();
        if (query is null) return encoder.EncodeText(text);
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), encoder, new QueryScorer(query, IndexFields.Text))
        {
            TextFragmenter = new NullFragmenter(),
        };
        return highlighter.GetBestFragment(index.Analyzer, IndexFields.Text, text) ?? encoder.EncodeText(text);
    }

    /// <summary>
    /// Passages every theme matches, grouped by brief. A meeting is as strong as its weakest theme: a passage
    /// scores its lowest fused score among the themes, a brief its best passage.
    /// </summary>
    private static List<ThemeBrief> Meetings(List<ThemeMatch> themes, Func<int, float, LoadedPassage> load)
    {
        var shared = themes.Skip(1).Aggregate(themes[0].FusedByDoc.Keys.ToHashSet(), (docs, theme) =>
        {
            docs.IntersectWith(theme.FusedByDoc.Keys);
            return docs;
        });
        var passages = shared.Select(doc =>
        {
            var weakest = MathF.Round(themes.Min(t => t.FusedByDoc[doc]), 5);
            var passage = load(doc, weakest);
            return passage with { Passage = passage.Passage with { Score = weakest } };
        }).ToList();
        return Group(passages);
    }

    private static List<ThemeBrief> Group(List<LoadedPassage> passages) =>
        passages.GroupBy(p => p.BriefId)
            .Select(group =>
            {
                var brief = group.First().Brief;
                var own = group.Select(p => p.Passage).OrderByDescending(p => p.Score).ToList();
                return new ThemeBrief(group.Key, brief.Title, brief.Date, brief.Type, own[0].Score, own)
                {
                    Publisher = brief.Publisher,
                    Authors = brief.Authors.Select(a => a.Name).ToList(),
                    Themes = own.SelectMany(p => p.Themes).Distinct().Order().ToList(),
                };
            })
            .OrderByDescending(b => b.Score).ThenBy(b => b.Id, StringComparer.Ordinal)
            .ToList();

    private static List<YearCount> Years(IEnumerable<LoadedPassage> passages) =>
        passages.Where(p => p.Brief.Date is not null)
            .GroupBy(p => p.Brief.Date!.Value.Year)
            .Select(g => new YearCount(g.Key, g.Count(), g.Select(p => p.BriefId).Distinct().Count()))
            .OrderBy(y => y.Year)
            .ToList();

    /// <summary>Most passages first, then by name; briefs without a publisher last.</summary>
    private static List<PublisherCount> Publishers(IEnumerable<LoadedPassage> passages) =>
        passages.GroupBy(p => p.Brief.Publisher)
            .Select(g => new PublisherCount(g.Key, g.Count(), g.Select(p => p.BriefId).Distinct().Count(), Years(g)))
            .OrderBy(p => p.Publisher is null).ThenByDescending(p => p.Passages).ThenBy(p => p.Publisher, StringComparer.Ordinal)
            .ToList();

    /// <summary>Tags of the matching briefs, then the words most distinctive of the matching passages (not the query's own).</summary>
    private List<TopicCount> Topics(IndexSearcher searcher, List<LoadedPassage> passages, HashSet<string> queryTerms)
    {
        var tags = passages.SelectMany(p => p.Brief.Tags).GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TopicCount(g.Key, "tag", g.Count()));

        var passageCount = Math.Max(1, searcher.IndexReader.DocFreq(new Term(IndexFields.DocType, IndexFields.PassageDoc)));
        var inPassages = new Dictionary<string, int>();
        var surface = new Dictionary<string, string>();
        foreach (var passage in passages)
        {
            foreach (var (stem, word) in index.Analyzer.SurfaceForms(passage.Passage.PlainText, IndexFields.Text))
            {
                if (queryTerms.Contains(stem) || word.Length < 4 || word.Any(char.IsDigit)) continue;
                inPassages[stem] = inPassages.GetValueOrDefault(stem) + 1;
                surface.TryAdd(stem, word);
            }
        }
        var words = inPassages.Where(w => w.Value >= 2)
            .Select(w => (Stem: w.Key, Count: w.Value, Weight: w.Value * Math.Log((double)passageCount / (1 + searcher.IndexReader.DocFreq(new Term(IndexFields.Text, w.Key))))))
            .OrderByDescending(w => w.Weight)
            .Take(TopicsShown)
            .Select(w => new TopicCount(surface[w.Stem], "term", w.Count));

        return tags.OrderByDescending(t => t.Count).Take(TopicsShown).Concat(words).ToList();
    }

    /// <summary>Phrases the passages repeat; a phrase made only of the themes' own words says nothing new.</summary>
    private List<KeyPhrase> KeyPhrases(List<LoadedPassage> passages, HashSet<string> queryTerms) =>
        FrequentPhrases.Find(passages.Select(p => p.Passage.PlainText))
            .Where(p => !index.Analyzer.Terms(p.Text).All(queryTerms.Contains))
            .Take(TopicsShown)
            .Select(p => new KeyPhrase(p.Text, p.Count))
            .ToList();

    private static Filter? DateFilter(ThemeRequest request)
    {
        if (request.From is null && request.To is null) return null;
        static int? Number(DateOnly? d) => d is { } v ? BriefDocuments.DateNumber(v) : null;
        return new QueryWrapperFilter(NumericRangeQuery.NewInt32Range(IndexFields.DateNumber, Number(request.From), Number(request.To), true, true));
    }

    /// <summary>The statements-only filter of one index generation (its cache of per-segment bit sets goes with it).</summary>
    private sealed class StatementsFilter : IDisposable
    {
        public Filter Filter { get; } = new CachingWrapperFilter(new QueryWrapperFilter(new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.PassageKind, nameof(PassageKind.Finding))), Occur.SHOULD },
            { new TermQuery(new Term(IndexFields.PassageKind, nameof(PassageKind.Recommendation))), Occur.SHOULD },
        }));

        public void Dispose() { /* nothing to release: dropping the filter drops its cache */ }
    }
}
