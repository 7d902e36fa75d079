using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace SearchService.Core.Indexing;

/// <summary>
/// The searchers' BM25: <see cref="FieldBm25Similarity"/>'s statistics and scores, bit for bit, with the length norms of
/// the brief fields read from <see cref="BriefFieldNorms"/> (held per brief) instead of Lucene's tables (held per
/// document). Lucene.Net seals BM25's weight and scorer, so both are written here again: the formula is BM25's, the
/// arithmetic in the same order, and a test holds every score equal to Lucene's.
/// </summary>
internal sealed class BriefBm25Similarity(FieldBm25Similarity bm25, BriefFieldNorms norms) : Similarity
{
    public override long ComputeNorm(FieldInvertState state) => bm25.ComputeNorm(state);

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        var idf = termStats.Length == 1 ? bm25.IdfExplain(collectionStats, termStats[0]) : bm25.IdfExplain(collectionStats, termStats);
        var averageLength = bm25.AverageLength(collectionStats);
        // The part of the formula that depends on the document's length alone, for each of the 256 norms.
        var lengthPart = new float[256];
        for (var norm = 0; norm < lengthPart.Length; norm++)
            lengthPart[norm] = bm25.K1 * ((1 - bm25.B) + bm25.B * bm25.DecodedLength((byte)norm) / averageLength);
        return new TermWeight(collectionStats.Field, idf, queryBoost, averageLength, lengthPart);
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var term = (TermWeight)weight;
        return new TermScorer(bm25, term, norms.For(context.AtomicReader, term.Field));
    }

    public override string ToString() => bm25.ToString();

    /// <summary>A term's (or a phrase's) part of the score that does not depend on the document.</summary>
    private sealed class TermWeight(string fieldName, Explanation idf, float queryBoost, float averageLength, float[] lengthPart) : SimWeight
    {
        public string Field => fieldName;
        public Explanation Idf => idf;
        public float QueryBoost => queryBoost;
        public float AverageLength => averageLength;
        public float[] LengthPart => lengthPart;
        public float TopLevelBoost { get; private set; }
        public float Weight { get; private set; }

        // A TF-IDF-like value for the query norm, as BM25 gives; BM25 itself ignores the query norm.
        public override float GetValueForNormalization()
        {
            var queryWeight = idf.Value * queryBoost;
            return queryWeight * queryWeight;
        }

        public override void Normalize(float queryNorm, float topLevelBoost)
        {
            TopLevelBoost = topLevelBoost;
            Weight = idf.Value * queryBoost * topLevelBoost;
        }
    }

    private sealed class TermScorer(FieldBm25Similarity bm25, TermWeight term, NumericDocValues? norms) : SimScorer
    {
        private readonly float _weightValue = term.Weight * (bm25.K1 + 1);
        private readonly float[] _lengthPart = term.LengthPart;

        public override float Score(int doc, float freq)
        {
            // Without norms the length counts for nothing (b = 0), as in Lucene.
            var lengthPart = norms is null ? bm25.K1 : _lengthPart[(sbyte)norms.Get(doc) & 0xFF];
            return _weightValue * freq / (freq + lengthPart);
        }

        public override float ComputeSlopFactor(int distance) => 1.0f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1;

        public override Explanation Explain(int doc, Explanation freq)
        {
            var result = new Explanation { Description = $"score(doc={doc},freq={freq}), product of:" };
            var boost = new Explanation(term.QueryBoost * term.TopLevelBoost, "boost");
            if (boost.Value != 1.0f) result.AddDetail(boost);
            result.AddDetail(term.Idf);
            var tfNorm = new Explanation { Description = "tfNorm, computed from:" };
            tfNorm.AddDetail(freq);
            tfNorm.AddDetail(new Explanation(bm25.K1, "parameter k1"));
            if (norms is null)
            {
                tfNorm.AddDetail(new Explanation(0, "parameter b (norms omitted for field)"));
                tfNorm.Value = freq.Value * (bm25.K1 + 1) / (freq.Value + bm25.K1);
            }
            else
            {
                var length = bm25.DecodedLength((byte)norms.Get(doc));
                tfNorm.AddDetail(new Explanation(bm25.B, "parameter b"));
                tfNorm.AddDetail(new Explanation(term.AverageLength, "avgFieldLength"));
                tfNorm.AddDetail(new Explanation(length, "fieldLength"));
                tfNorm.Value = freq.Value * (bm25.K1 + 1) / (freq.Value + bm25.K1 * (1 - bm25.B + bm25.B * length / term.AverageLength));
            }
            result.AddDetail(tfNorm);
            result.Value = boost.Value * term.Idf.Value * tfNorm.Value;
            return result;
        }
    }
}
