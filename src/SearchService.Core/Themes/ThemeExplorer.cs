using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Core.Themes;

/// <summary>
/// Finds a theme across publications at passage level: findings and recommendations that match by
/// keywords (BM25) or by meaning (sentence embeddings), fused by reciprocal rank, grouped by brief,
/// counted per year, with the topics that come up alongside.
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

    private static readonly Filter StatementsOnly = new CachingWrapperFilter(new QueryWrapperFilter(new BooleanQuery
    {
        { new TermQuery(new Term(IndexFields.PassageKind, nameof(PassageKind.Finding))), Occur.SHOULD },
        { new TermQuery(new Term(IndexFields.PassageKind, nameof(PassageKind.Recommendation))), Occur.SHOULD },
    }));

    public ThemeResults Explore(ThemeRequest request)
    {
        if (request.Validate() is { } problem) throw new ArgumentException(problem, nameof(request));
        var stopwatch = Stopwatch.StartNew();
        var userQuery = UserQuery.Parse(request.Query);
        var builder = new LuceneQueryBuilder(index.Analyzer);
        var searcher = index.Searchers.Acquire();
        try
        {
            var filter = DateFilter(request) is { } dates
                ? new BooleanFilter { new FilterClause(StatementsOnly, Occur.MUST), new FilterClause(dates, Occur.MUST) }
                : StatementsOnly;

            // A long text is "passages like this text": its most informative terms, not every word.
            var keywordQuery = Search.LongQuery.IsLong(request.Query)
                ? Search.TextLikeQuery.Build(searcher.IndexReader, index.Analyzer, request.Query, IndexFields.Text).Query
                : builder.Build(userQuery, FieldWeights.Passages, requireAll: true);
            var keyword = keywordQuery is null ? [] : searcher.Search(keywordQuery, filter, CandidateDepth).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();
            // Without embeddings, any word may match when no statement has them all; with them, meaning gives the recall.
            if (keyword.Count == 0 && encoder is null && userQuery.Groups.Count > 1 && !Search.LongQuery.IsLong(request.Query) && builder.Build(userQuery, FieldWeights.Passages, requireAll: false) is { } anyWord)
                keyword = searcher.Search(anyWord, filter, CandidateDepth).ScoreDocs.Select(d => (d.Doc, d.Score)).ToList();

            var meaning = encoder is null
                ? []
                : VectorSearch.Nearest(searcher, IndexFields.Vector, Semantic.QueryEncoding.Encode(encoder, request.Query), CandidateDepth, filter)
                    .Where(p => p.Score >= encoder.Similarity.Above(MinimumSpreadsAboveUnrelated)).ToList();

            var fused = HybridFusion.ReciprocalRank(keyword, meaning).Take(request.Size).ToList();
            var keywordDocs = keyword.Select(k => k.Doc).ToHashSet();
            var meaningDocs = meaning.Select(m => m.Doc).ToHashSet();
            var passages = fused.Select(f => Load(searcher, f.Id, f.Score, keywordQuery, keywordDocs.Contains(f.Id), meaningDocs.Contains(f.Id))).ToList();

            var briefs = passages.GroupBy(p => p.BriefId)
                .Select(group => ToThemeBrief(group.Key, group.ToList()))
                .ToList();
            var years = briefs.Where(b => b.Date is not null)
                .GroupBy(b => b.Date!.Value.Year)
                .Select(g => new YearCount(g.Key, g.Sum(b => b.Passages.Count), g.Count()))
                .OrderBy(y => y.Year)
                .ToList();
            var topics = Topics(searcher, passages, briefs, userQuery);
            return new ThemeResults(request.Query, passages.Count, Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2), briefs, years, topics);
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }

    private sealed record LoadedPassage(string BriefId, ThemePassage Passage, Brief Brief);

    private LoadedPassage Load(IndexSearcher searcher, int doc, float score, Query? keywordQuery, bool byKeyword, bool byMeaning)
    {
        var stored = searcher.Doc(doc);
        var text = stored.Get(IndexFields.Text);
        var briefId = stored.Get(IndexFields.BriefId);
        var brief = index.Get(briefId)!;
        var marked = Highlight(keywordQuery, text);
        var kind = stored.Get(IndexFields.PassageKind) == nameof(PassageKind.Finding) ? "finding" : "recommendation";
        var section = stored.Get(IndexFields.Section);
        return new LoadedPassage(briefId, new ThemePassage(kind, string.IsNullOrEmpty(section) ? null : section, marked, text, MathF.Round(score, 5), byKeyword, byMeaning), brief);
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

    private static ThemeBrief ToThemeBrief(string id, List<LoadedPassage> passages)
    {
        var brief = passages[0].Brief;
        return new ThemeBrief(id, brief.Title, brief.Date, brief.Type, passages.Max(p => p.Passage.Score), passages.Select(p => p.Passage).ToList());
    }

    /// <summary>Tags of the matching briefs, then the words most distinctive of the matching passages (not the query's own).</summary>
    private List<TopicCount> Topics(IndexSearcher searcher, List<LoadedPassage> passages, List<ThemeBrief> briefs, UserQuery query)
    {
        var tags = passages.SelectMany(p => p.Brief.Tags).GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TopicCount(g.Key, "tag", g.Count()));

        var queryTerms = query.PositiveParts.SelectMany(p => index.Analyzer.Terms(p.Text)).ToHashSet();
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

    private static Filter? DateFilter(ThemeRequest request)
    {
        if (request.From is null && request.To is null) return null;
        static int? Number(DateOnly? d) => d is { } v ? v.Year * 10000 + v.Month * 100 + v.Day : null;
        return new QueryWrapperFilter(NumericRangeQuery.NewInt32Range(IndexFields.DateNumber, Number(request.From), Number(request.To), true, true));
    }
}
