using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// The snippets of one page of hits: each brief's best matching passages, highlighted (its summary, findings and
/// recommendations first when they match as well as body text; never its publisher's boilerplate). The passages of
/// the whole page are found by one search (one query weight, one pass over the postings) and highlighted by one
/// highlighter; only the passages considered are read from the stored fields.
/// </summary>
internal sealed class HitSnippets
{
    public const int PerHit = 2;
    public const int Characters = 220;
    /// <summary>Matching passages of one brief considered for its snippets.</summary>
    private const int Candidates = 8;
    /// <summary>Passages whose words match this much of the best match's score match "as well": a statement among them is preferred to body text.</summary>
    private const float AsWellMatched = 0.85f;

    /// <summary>Only a passage's text and kind are read for a snippet: its other stored fields are not decoded.</summary>
    private static readonly ISet<string> TextAndKind = new HashSet<string> { IndexFields.Text, IndexFields.PassageKind };

    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer;
    private readonly SimpleHTMLEncoder _encoder = new();
    private readonly LearnedBoilerplate? _boilerplate;
    private readonly SnippetPassages _remembered;
    private readonly PassageHighlighter? _highlighter;
    private readonly Dictionary<string, List<ScoreDoc>> _matching;

    /// <param name="searcher">The searcher the page was found with.</param>
    /// <param name="analyzer">The analyzer passages were indexed with, to find the words to mark.</param>
    /// <param name="pagePassages">The passages of the page's briefs, as document ranges of <paramref name="searcher"/> (one per brief).</param>
    /// <param name="passageQuery">The query's words over passage text; null when there are none to mark (a long text's are its informative terms).</param>
    /// <param name="boilerplate">The publishers' learned boilerplate, left out of snippets; null while it is being learned (passages written since hold none).</param>
    /// <param name="remembered">Passages as shown before, by this index's searches (used once the boilerplate is learned).</param>
    public HitSnippets(IndexSearcher searcher, Analyzer analyzer, LearnedBoilerplate? boilerplate, SnippetPassages remembered, IReadOnlyCollection<(int Start, int End)> pagePassages, Query? passageQuery)
    {
        _searcher = searcher;
        _analyzer = analyzer;
        _boilerplate = boilerplate;
        _remembered = remembered;
        _matching = passageQuery is null || pagePassages.Count == 0 ? [] : BestPassages(searcher, pagePassages, passageQuery);
        if (passageQuery is not null) _highlighter = new PassageHighlighter(analyzer, passageQuery, Characters);
    }

    /// <summary>
    /// The brief's snippets: passages that match the words, and those that match by meaning (<paramref name="evidence"/>,
    /// first when <paramref name="meaningFirst"/>) even with no word in common; how the brief begins when neither does.
    /// </summary>
    public List<string> For(string briefId, string? publisher, IReadOnlyList<int>? evidence, bool meaningFirst)
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
        SnippetPassage? Readable(int doc) => Read(doc, publisher) is { Text.Length: > 0 } readable ? readable : null;
        var byMeaning = (evidence ?? []).Select(Readable).OfType<SnippetPassage>().Select(Highlight);
        if (meaningFirst) Add(byMeaning);
        if (_matching.TryGetValue(briefId, out var passages)) Add(StatementsFirst(passages, publisher).Select(p => Readable(p.Doc)).OfType<SnippetPassage>().Select(Highlight));
        Add(byMeaning);
        if (snippets.Count == 0 && FirstPassages(briefId).Select(Readable).FirstOrDefault(passage => passage is not null) is { } first)
        {
            // Nothing in the text matched (the title did): show how the brief begins, its summary first.
            snippets.Add(_encoder.EncodeText(Shorten(first.Text)));
        }
        return snippets;
    }

    /// <summary>Each brief's best passages for the query (a few more than shown, for fragments that repeat), best first.</summary>
    private static Dictionary<string, List<ScoreDoc>> BestPassages(IndexSearcher searcher, IEnumerable<(int Start, int End)> pagePassages, Query passageQuery)
    {
        var ofPage = new DocRangesFilter(pagePassages);
        var collector = new BestPerBrief(Candidates);
        searcher.Search(new FilteredQuery(passageQuery, ofPage), collector);
        return collector.Best();
    }

    /// <summary>
    /// Matching passages best first, except that a summary, finding or recommendation scoring at least
    /// <see cref="AsWellMatched"/> of the best goes before body text: it says what the brief concludes.
    /// </summary>
    private IEnumerable<ScoreDoc> StatementsFirst(List<ScoreDoc> passages, string? publisher)
    {
        var best = passages[0].Score;
        return passages
            .Select((passage, rank) => (passage, rank, statement: passage.Score >= best * AsWellMatched && IsStatement(Read(passage.Doc, publisher).Kind)))
            .OrderBy(p => p.statement ? 0 : 1).ThenBy(p => p.rank)
            .Select(p => p.passage);
    }

    private static bool IsStatement(string? kind) =>
        kind is nameof(PassageKind.Summary) or nameof(PassageKind.Finding) or nameof(PassageKind.Recommendation);

    /// <summary>The brief's first passages in order (its summary first), for when none matched.</summary>
    private IEnumerable<int> FirstPassages(string briefId)
    {
        var ofBrief = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.BriefId, briefId)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), Occur.MUST },
        };
        return _searcher.Search(ofBrief, null, Candidates, new Sort(SortField.FIELD_DOC)).ScoreDocs.Select(d => d.Doc);
    }

    private readonly Dictionary<int, SnippetPassage> _read = [];

    /// <summary>A passage's text as shown (without its publisher's boilerplate) and its kind: remembered, else read once per page.</summary>
    private SnippetPassage Read(int doc, string? publisher)
    {
        if (_read.TryGetValue(doc, out var known)) return known;
        return _read[doc] = _boilerplate is { } boilerplate
            ? _remembered.Get(_searcher.IndexReader, doc, boilerplate, () => ReadStored(doc, publisher))
            : ReadStored(doc, publisher);
    }

    private SnippetPassage ReadStored(int doc, string? publisher)
    {
        var stored = _searcher.Doc(doc, TextAndKind);
        var text = stored.Get(IndexFields.Text);
        return new SnippetPassage(_boilerplate?.Clean(publisher, text) ?? text, stored.Get(IndexFields.PassageKind));
    }

    /// <summary>A passage as a snippet: its best fragment with the query's words marked, or its beginning, escaped.</summary>
    private string Highlight(SnippetPassage passage)
    {
        if (_highlighter?.Highlight(passage.Text, passage.Words(_analyzer)) is { Length: > 0 } fragment) return fragment;
        return _encoder.EncodeText(Shorten(passage.Text));
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
