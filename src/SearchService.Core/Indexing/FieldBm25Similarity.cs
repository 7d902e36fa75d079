using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace SearchService.Core.Indexing;

/// <summary>
/// BM25 whose IDF and average field length count the documents that have the field, not every document in
/// the index (Lucene 4.8's choice; later versions count this way). Briefs, passages, suggestions and originals
/// share one index, so counting all of them shrank every brief field's average length and shifted its IDF
/// whenever passages were cut differently, and cost keyword quality (docs/relevance.md, tuning log).
/// </summary>
internal sealed class FieldBm25Similarity(float k1, float b) : BM25Similarity(k1, b)
{
    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics termStats)
    {
        var documents = DocumentsWithField(collectionStats);
        var idf = Idf(termStats.DocFreq, documents);
        return new Explanation(idf, $"idf(docFreq={termStats.DocFreq}, docCount={documents})");
    }

    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats)
    {
        var documents = DocumentsWithField(collectionStats);
        var explanation = new Explanation { Description = "idf(), sum of:" };
        var sum = 0f;
        foreach (var term in termStats)
        {
            var idf = Idf(term.DocFreq, documents);
            explanation.AddDetail(new Explanation(idf, $"idf(docFreq={term.DocFreq}, docCount={documents})"));
            sum += idf;
        }
        explanation.Value = sum;
        return explanation;
    }

    /// <summary>Average length of the field over the documents that have it (Lucene 4.8 divides by every document).</summary>
    protected override float AvgFieldLength(CollectionStatistics collectionStats)
    {
        var terms = collectionStats.SumTotalTermFreq;
        return terms <= 0 ? 1f : (float)(terms / (double)DocumentsWithField(collectionStats));
    }

    /// <summary>The average length of the field, for a scorer written outside this class (<see cref="BriefBm25Similarity"/>).</summary>
    internal float AverageLength(CollectionStatistics collectionStats) => AvgFieldLength(collectionStats);

    /// <summary>The field length a norm byte stands for, for a scorer written outside this class.</summary>
    internal float DecodedLength(byte norm) => DecodeNormValue(norm);

    /// <summary>Documents with at least one term in the field; the index-wide count when the codec does not know it (-1).</summary>
    private static long DocumentsWithField(CollectionStatistics stats) => stats.DocCount > 0 ? stats.DocCount : stats.MaxDoc;
}
