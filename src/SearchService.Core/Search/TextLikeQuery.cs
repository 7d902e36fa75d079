using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using SearchService.Core.Indexing;
using SearchService.Core.Queries;

namespace SearchService.Core.Search;

/// <summary>
/// Keyword search for a long text: its most informative terms by tf-idf against this index (at most
/// <see cref="MaxTerms"/>, each weighted by it), as MoreLikeThis does for a document, over each brief's whole text.
/// </summary>
internal static class TextLikeQuery
{
    public const int MaxTerms = 100;
    /// <summary>Words shown marked in snippets: the most informative ones.</summary>
    private const int HighlightedTerms = 20;

    /// <summary>
    /// The query over <paramref name="field"/> (a brief's whole text by default; passages' text for themes), and the
    /// informative terms in their written form (for highlighting); a null query when nothing is informative.
    /// </summary>
    public static (Query? Query, UserQuery Highlight) Build(IndexReader reader, EnglishSearchAnalyzer analyzer, string text, string field = IndexFields.All)
    {
        var documents = reader.DocFreq(new Term(IndexFields.DocType, field == IndexFields.All ? IndexFields.BriefDoc : IndexFields.PassageDoc));
        var moreLikeThis = new MoreLikeThis(reader)
        {
            FieldNames = [field],
            Analyzer = analyzer,
            MinTermFreq = 1,
            MinDocFreq = 1,
            MaxQueryTerms = MaxTerms,
            ApplyBoost = true,
            MinWordLen = 3,
            // Words most briefs use say nothing about which briefs are like the text.
            MaxDocFreq = Math.Max(2, documents / 2),
        };
        var query = moreLikeThis.Like(new StringReader(text), field);
        var surfaceForms = analyzer.SurfaceForms(text, field);
        var terms = moreLikeThis.RetrieveInterestingTerms(new StringReader(text), field)
            .Take(HighlightedTerms)
            .Select(stem => surfaceForms.GetValueOrDefault(stem, stem));
        return (query is BooleanQuery { Clauses.Count: 0 } ? null : query, UserQuery.Parse(string.Join(' ', terms)));
    }
}
