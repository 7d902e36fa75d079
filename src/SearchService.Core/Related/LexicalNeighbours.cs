using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Lucene MoreLikeThis over each brief's whole text: the brief's most distinctive terms become a BM25
/// query against the other briefs. One signal and one candidate source of related-brief scoring.
/// </summary>
internal sealed class LexicalNeighbours(IndexSearcher searcher, EnglishSearchAnalyzer analyzer)
{
    private readonly MoreLikeThis _moreLikeThis = new(searcher.IndexReader)
    {
        FieldNames = [IndexFields.All],
        Analyzer = analyzer,
        // Summaries are short: a term used once is still what the brief is about. Up to 100 terms, each
        // weighted by its tf-idf in the source, is close to "the whole brief as a BM25 query" (measured against
        // fewer, unweighted terms in docs/relevance.md, tuning log).
        MinTermFreq = 1,
        MinDocFreq = 1,
        MaxQueryTerms = 100,
        ApplyBoost = true,
        MinWordLen = 3,
        // Words most briefs use ("policy", "public") say nothing about what two briefs share.
        MaxDocFreq = Math.Max(2, searcher.IndexReader.DocFreq(new Term(IndexFields.DocType, IndexFields.BriefDoc)) / 2),
        MaxNumTokensParsed = MaxWordsRead,
    };

    /// <summary>
    /// Words of a brief's text read for its distinctive terms: its opening (title, summary, findings, recommendations,
    /// then the body). Each distinct word costs a document-frequency lookup in every segment, so a long report read
    /// whole made one search cost hundreds of milliseconds; briefs shorter than this are read whole as before.
    /// </summary>
    public const int MaxWordsRead = 1_500;

    /// <summary>The <paramref name="n"/> briefs that best match <paramref name="sourceDoc"/>'s distinctive terms, never the source itself.</summary>
    /// <remarks>
    /// The source is excluded inside the terms' own disjunction, so Lucene scores it with its bulk scorer; a required
    /// "is a brief" clause (only briefs have the text field anyway) made every search ~4× slower at 20,000 briefs
    /// (docs/scaling.md). That clause's score, the same for every brief, is still added: the related model was
    /// trained on scores that include it.
    /// </remarks>
    public TopDocs Find(int sourceDoc, string sourceId, int n)
    {
        var like = Like(sourceDoc);
        if (like is not BooleanQuery terms || terms.Clauses.Count == 0) return new TopDocs(0, [], float.NaN);
        terms.Add(new TermQuery(new Term(IndexFields.BriefId, sourceId)), Occur.MUST_NOT);
        var found = searcher.Search(terms, n);
        var briefClauseScore = BriefClauseScore(sourceDoc);
        foreach (var hit in found.ScoreDocs) hit.Score += briefClauseScore;
        return new TopDocs(found.TotalHits, found.ScoreDocs, found.ScoreDocs.Length > 0 ? found.ScoreDocs[0].Score : float.NaN);
    }

    /// <summary>
    /// What a required term query on the brief document type scores for any brief (constant: the field has no norms),
    /// read off one brief: searching for it scored every brief of the index, work that grew with the corpus per list.
    /// </summary>
    private float BriefClauseScore(int briefDoc)
    {
        var explanation = searcher.Explain(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), briefDoc);
        return explanation.IsMatch ? explanation.Value : 0f;
    }

    /// <summary>The source's distinctive terms (stems), most distinctive first.</summary>
    public string[] InterestingTerms(int sourceDoc) => _moreLikeThis.RetrieveInterestingTerms(new StringReader(Text(sourceDoc)), IndexFields.All);

    private Query Like(int sourceDoc) => _moreLikeThis.Like(new StringReader(Text(sourceDoc)), IndexFields.All);

    private string Text(int sourceDoc) => RelatedText.Of(BriefProfiles.Brief(searcher.IndexReader.Leaves, sourceDoc));
}
