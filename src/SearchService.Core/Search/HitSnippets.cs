using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// The snippets of one page of hits: each brief's best matching passages, highlighted. The passages of the
/// whole page are found by one search (one query weight, one pass over the postings) and highlighted by one
/// highlighter; only the text of the passages shown is read from the stored fields.
/// </summary>
internal sealed class HitSnippets
{
    public const int PerHit = 2;
    public const int Characters = 220;

    /// <summary>Only a passage's text is read for a snippet: its other stored fields are not decoded.</summary>
    private static readonly ISet<string> TextOnly = new HashSet<string> { IndexFields.Text };

    private readonly IndexSearcher _searcher;
    private readonly SimpleHTMLEncoder _encoder = new();
    private readonly PassageHighlighter? _highlighter;
    private readonly Dictionary<string, List<ScoreDoc>> _matching;

    /// <param name="searcher">The searcher the page was found with.</param>
    /// <param name="analyzer">The analyzer passages were indexed with, to find the words to mark.</param>
    /// <param name="briefIds">The briefs of the page.</param>
    /// <param name="passageQuery">The query's words over passage text; null when there are none to mark (a long text's are its informative terms).</param>
    public HitSnippets(IndexSearcher searcher, Analyzer analyzer, IReadOnlyCollection<string> briefIds, Query? passageQuery)
    {
        _searcher = searcher;
        _matching = passageQuery is null || briefIds.Count == 0 ? [] : BestPassages(searcher, briefIds, passageQuery);
        if (passageQuery is not null) _highlighter = new PassageHighlighter(analyzer, passageQuery, Characters);
    }

    /// <summary>
    /// The brief's snippets: passages that match the words, and those that match by meaning (<paramref name="evidence"/>,
    /// first when <paramref name="meaningFirst"/>) even with no word in common; how the brief begins when neither does.
    /// </summary>
    public List<string> For(string briefId, IReadOnlyList<int>? evidence, bool meaningFirst)
    {
        var snippets = new List<string>();
        void Add(IEnumerable<string> fragments)
        {
            foreach (var fragment in fragments)
            {
                if (snippets.Count >= PerHit) return;
                if (!snippets.Contains(fragment)) snippets.Add(fragment);
            }
        }
        // Lazily: a passage is read and highlighted only when it is shown.
        var byMeaning = (evidence ?? []).Select(doc => Highlight(Text(doc)));
        if (meaningFirst) Add(byMeaning);
        if (_matching.TryGetValue(briefId, out var passages)) Add(passages.Select(p => Highlight(Text(p.Doc))));
        Add(byMeaning);
        if (snippets.Count == 0 && FirstPassage(briefId) is { } first)
        {
            // Nothing in the text matched (the title did): show how the brief begins, its summary first.
            snippets.Add(_encoder.EncodeText(Shorten(Text(first))));
        }
        return snippets;
    }

    /// <summary>Each brief's best passages for the query (a few more than shown, for fragments that repeat), best first.</summary>
    private static Dictionary<string, List<ScoreDoc>> BestPassages(IndexSearcher searcher, IReadOnlyCollection<string> briefIds, Query passageQuery)
    {
        var ofPage = new TermsFilter(IndexFields.BriefId, briefIds.Select(id => new BytesRef(id)).ToList());
        var collector = new BestPerBrief(PerHit + 1);
        searcher.Search(new FilteredQuery(passageQuery, ofPage), collector);
        return collector.Best();
    }

    private int? FirstPassage(string briefId)
    {
        var ofBrief = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.BriefId, briefId)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), Occur.MUST },
        };
        return _searcher.Search(ofBrief, null, 1, new Sort(SortField.FIELD_DOC)).ScoreDocs.FirstOrDefault()?.Doc;
    }

    private string Text(int doc) => _searcher.Doc(doc, TextOnly).Get(IndexFields.Text);

    /// <summary>A passage as a snippet: its best fragment with the query's words marked, or its beginning, escaped.</summary>
    private string Highlight(string text)
    {
        if (_highlighter?.Highlight(text) is { Length: > 0 } fragment) return fragment;
        return _encoder.EncodeText(Shorten(text));
    }

    private static string Shorten(string text)
    {
        if (text.Length <= Characters) return text;
        var cut = text.LastIndexOf(' ', Characters);
        return text[..(cut > 0 ? cut : Characters)] + " …";
    }

    /// <summary>Keeps the best few passages of each brief, by the brief id's doc values.</summary>
    private sealed class BestPerBrief(int perBrief) : ICollector
    {
        private readonly Dictionary<string, List<ScoreDoc>> _best = new(StringComparer.Ordinal);
        private readonly BytesRef _id = new();
        private Scorer? _scorer;
        private SortedDocValues? _ids;
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context)
        {
            _docBase = context.DocBase;
            _ids = context.AtomicReader.GetSortedDocValues(IndexFields.BriefId);
        }

        public void Collect(int doc)
        {
            if (_ids is null) return;
            _ids.Get(doc, _id);
            var id = _id.Utf8ToString();
            if (!_best.TryGetValue(id, out var kept)) _best[id] = kept = new List<ScoreDoc>(perBrief + 1);
            var passage = new ScoreDoc(_docBase + doc, _scorer!.GetScore());
            if (kept.Count == perBrief && !Better(passage, kept[^1])) return;
            var at = kept.FindIndex(p => Better(passage, p));
            kept.Insert(at < 0 ? kept.Count : at, passage);
            if (kept.Count > perBrief) kept.RemoveAt(kept.Count - 1);
        }

        public Dictionary<string, List<ScoreDoc>> Best() => _best;

        /// <summary>Higher score first; of equal scores the earlier passage, as a top-N search orders them.</summary>
        private static bool Better(ScoreDoc a, ScoreDoc b) => a.Score > b.Score || (a.Score == b.Score && a.Doc < b.Doc);
    }
}
