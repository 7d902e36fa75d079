using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// Keyword search over briefs with BM25. Every word must match; when that finds nothing, any word may.
/// Snippets come from the brief's best matching passages.
/// </summary>
public sealed class BriefSearcher
{
    private const int SnippetsPerHit = 2;
    private const int SnippetCharacters = 220;

    private readonly BriefIndex _index;
    private readonly LuceneQueryBuilder _queries;
    private readonly Filter _briefsOnly = new CachingWrapperFilter(new QueryWrapperFilter(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc))));

    public BriefSearcher(BriefIndex index)
    {
        _index = index;
        _queries = new LuceneQueryBuilder(index.Analyzer);
    }

    public SearchResults Search(SearchRequest request)
    {
        if (request.Validate() is { } problem) throw new ArgumentException(problem, nameof(request));
        var stopwatch = Stopwatch.StartNew();
        var userQuery = UserQuery.Parse(request.Query);
        var searcher = _index.Searchers.Acquire();
        try
        {
            var wanted = request.Page * request.Size;
            TopDocs top;
            if (userQuery.IsEmpty)
            {
                // An empty search box lists everything, newest first.
                var newest = new Sort(new SortField(IndexFields.DateNumber, SortFieldType.INT32, reverse: true), SortField.FIELD_DOC);
                top = searcher.Search(new MatchAllDocsQuery(), _briefsOnly, wanted, newest, doDocScores: false, doMaxScore: false);
            }
            else
            {
                var query = _queries.Build(userQuery, FieldWeights.Briefs, requireAll: true);
                if (query is null) return new SearchResults(0, stopwatch.Elapsed.TotalMilliseconds, []);
                top = searcher.Search(query, _briefsOnly, wanted);
                if (top.TotalHits == 0 && userQuery.Groups.Count > 1)
                    top = searcher.Search(_queries.Build(userQuery, FieldWeights.Briefs, requireAll: false)!, _briefsOnly, wanted);
            }

            var passageQuery = _queries.Build(userQuery, FieldWeights.Passages, requireAll: false);
            var hits = top.ScoreDocs.Skip((request.Page - 1) * request.Size)
                .Select(scoreDoc => ToHit(searcher, scoreDoc, passageQuery))
                .ToList();
            return new SearchResults(top.TotalHits, Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2), hits);
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    /// <summary>Ids and scores of the top <paramref name="k"/> briefs, without snippets (for evaluation).</summary>
    public IReadOnlyList<(string Id, float Score)> SearchIds(string query, int k, bool requireAll = false)
    {
        var luceneQuery = _queries.Build(UserQuery.Parse(query), FieldWeights.Briefs, requireAll);
        if (luceneQuery is null) return [];
        var searcher = _index.Searchers.Acquire();
        try
        {
            var ids = new BriefIdLookup(searcher);
            return searcher.Search(luceneQuery, _briefsOnly, k).ScoreDocs
                .Select(d => (ids.Get(d.Doc), d.Score))
                .ToList();
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    private SearchHit ToHit(IndexSearcher searcher, ScoreDoc scoreDoc, Query? passageQuery)
    {
        var document = searcher.Doc(scoreDoc.Doc);
        var id = document.Get(IndexFields.BriefId);
        var date = document.Get(IndexFields.Date) is { } text && DateOnly.TryParse(text, out var parsed) ? parsed : (DateOnly?)null;
        var score = float.IsNaN(scoreDoc.Score) ? 0f : scoreDoc.Score;
        return new SearchHit(id, document.Get(IndexFields.Title), date, document.GetValues(IndexFields.Tag), score, Snippets(searcher, id, passageQuery));
    }

    /// <summary>The brief's best matching passages, highlighted; its summary when no passage matches.</summary>
    private List<string> Snippets(IndexSearcher searcher, string briefId, Query? passageQuery)
    {
        var encoder = new SimpleHTMLEncoder();
        var snippets = new List<string>();
        var ofBrief = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.BriefId, briefId)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), Occur.MUST },
        };
        if (passageQuery is not null)
        {
            var matching = new BooleanQuery { { passageQuery, Occur.MUST }, { ofBrief, Occur.MUST } };
            var scorer = new QueryScorer(passageQuery, IndexFields.Text);
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), encoder, scorer)
            {
                TextFragmenter = new SimpleSpanFragmenter(scorer, SnippetCharacters),
            };
            foreach (var passage in searcher.Search(matching, SnippetsPerHit + 1).ScoreDocs)
            {
                var text = searcher.Doc(passage.Doc).Get(IndexFields.Text);
                var fragment = highlighter.GetBestFragment(_index.Analyzer, IndexFields.Text, text);
                if (!string.IsNullOrWhiteSpace(fragment)) snippets.Add(fragment.Trim());
                if (snippets.Count == SnippetsPerHit) break;
            }
        }
        if (snippets.Count == 0)
        {
            // Nothing in the text matched (the title did): show how the brief begins, its summary first.
            var first = searcher.Search(ofBrief, null, 1, new Sort(SortField.FIELD_DOC)).ScoreDocs.FirstOrDefault();
            if (first is not null) snippets.Add(encoder.EncodeText(Shorten(searcher.Doc(first.Doc).Get(IndexFields.Text))));
        }
        return snippets;
    }

    private static string Shorten(string text)
    {
        if (text.Length <= SnippetCharacters) return text;
        var cut = text.LastIndexOf(' ', SnippetCharacters);
        return text[..(cut > 0 ? cut : SnippetCharacters)] + " …";
    }
}
