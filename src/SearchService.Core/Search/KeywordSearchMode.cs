using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Caching;
using SearchService.Core.Indexing;
using SearchService.Core.Synonyms;
using SearchService.Core.Queries;

namespace SearchService.Core.Search;

/// <summary>
/// Keyword matching with BM25: every word must match; when no brief has them all, any may. When the
/// words match fewer than <see cref="FewMatches"/> briefs and some look misspelled, the misspelled
/// words are searched together with their likely corrections (typo tolerance) and the corrected query
/// is offered as "did you mean". The site's synonyms (<see cref="SynonymSet"/>) are added to the words as OR
/// alternatives before matching; spelling is doubted only in what was typed.
/// </summary>
public sealed class KeywordSearchMode : ISearchMode
{
    public const string ModeName = "keyword";

    /// <summary>Below this many matches, spelling is doubted.</summary>
    public const int FewMatches = 3;

    private readonly LuceneQueryBuilder _queries;
    private readonly SpellingCorrector _speller;
    private readonly EnglishSearchAnalyzer _analyzer;
    private readonly SynonymSet _synonyms;
    private readonly AllMatches _matches;

    /// <param name="index">The index searched.</param>
    /// <param name="synonyms">The synonyms applied to queries; none when null.</param>
    public KeywordSearchMode(BriefIndex index, SynonymSet? synonyms = null)
    {
        _analyzer = index.Analyzer;
        _synonyms = synonyms ?? SynonymSet.Empty;
        _queries = new LuceneQueryBuilder(index.Analyzer);
        _matches = AllMatches.Of(index);
        // Spelling alternatives of typed words are remembered per index version (bounded: a vocabulary's worth).
        _speller = new SpellingCorrector(index.Analyzer, index.Derived("spelling-alternatives", () => new ReaderVersionCache<IReadOnlyList<string>>(SpellingMemoryWords)));
    }

    /// <summary>Typed words whose spelling alternatives are remembered.</summary>
    private const int SpellingMemoryWords = 20_000;

    public string Name => ModeName;

    /// <summary>
    /// Up to this many words, every word must match (a search box); a longer query is a question or a
    /// claim in natural language, where requiring every word finds almost nothing and BM25's ranking of
    /// any-word matches is what works (measured in docs/relevance.md).
    /// </summary>
    public const int MaxWordsAllRequired = 4;

    ModeMatches ISearchMode.Match(SearchRequest request, SearchSnapshot snapshot)
    {
        var searcher = snapshot.Searcher;
        using var keyword = snapshot.Time(SearchStages.Keyword);
        if (LongQuery.IsLong(request.Query)) return MatchText(searcher, request.Query!);
        var typed = UserQuery.Parse(request.Query);
        var query = _synonyms.Expand(typed, _analyzer);
        // Snippets mark the synonyms found too; null highlights the query as typed.
        var highlight = ReferenceEquals(query, typed) ? null : query;
        if (query.Groups.Count > MaxWordsAllRequired) return new ModeMatches(Collect(searcher, query, requireAll: false), Highlight: highlight);
        var exact = Collect(searcher, query, requireAll: true);
        if (exact.Count >= FewMatches) return new ModeMatches(exact, Highlight: highlight);

        SpellingCorrection? doubted;
        using (snapshot.Time(SearchStages.Spelling)) doubted = _speller.Correct(searcher.IndexReader, typed);
        if (doubted is { } correction)
        {
            var expanded = _synonyms.Expand(correction.Expanded, _analyzer);
            var corrected = Collect(searcher, expanded, requireAll: true);
            if (corrected.Count == 0 && expanded.Groups.Count > 1) corrected = Collect(searcher, expanded, requireAll: false);
            if (corrected.Count > exact.Count) return new ModeMatches(corrected, correction.DidYouMean.ToString(), expanded);
        }
        if (exact.Count == 0 && query.Groups.Count > 1) return new ModeMatches(Collect(searcher, query, requireAll: false), Highlight: highlight);
        return new ModeMatches(exact, Highlight: highlight);
    }

    /// <summary>A long text: the briefs that share its most informative terms (no spelling doubts: a text is not typed in a box).</summary>
    private ModeMatches MatchText(IndexSearcher searcher, string text)
    {
        var (query, highlight) = TextLikeQuery.Build(searcher.IndexReader, _analyzer, text);
        if (query is null) return new ModeMatches([]);
        return new ModeMatches(_matches.Collect(searcher, query), Highlight: highlight); // the whole-text field is on brief documents only
    }

    private List<BriefMatch> Collect(IndexSearcher searcher, UserQuery query, bool requireAll)
    {
        var luceneQuery = _queries.Build(query, FieldWeights.Briefs, requireAll);
        if (luceneQuery is null) return [];
        return _matches.Collect(searcher, luceneQuery); // brief fields only: matches are briefs
    }
}
