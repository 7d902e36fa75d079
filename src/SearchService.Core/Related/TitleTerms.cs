using Lucene.Net.Index;
using SearchService.Core.Caching;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// The terms of brief titles weighted by how rare each is among the index's titles, for the pair feature
/// <see cref="RelatedFeatures.TitleCosine"/>: a title names what a report is about, and two titles sharing a rare term
/// ("Medicaid", "Coast Guard") say more than two sharing "actions needed". Weighted titles and term rarities are
/// remembered by reader version (bounded: a few megabytes), so a related list reads the index's term statistics once
/// per new term and weighs a title once per version, not once per list. Owned by one index.
/// </summary>
internal sealed class TitleTerms(EnglishSearchAnalyzer analyzer) : IDisposable
{
    private const int TitlesKept = 20_000;
    private const int RaritiesKept = 50_000;

    private readonly ReaderVersionCache<float> _rarity = new(RaritiesKept);
    private readonly ReaderVersionCache<WeightedTerms> _weighed = new(TitlesKept);

    public static TitleTerms Of(BriefIndex index) => index.Derived("title-terms", () => new TitleTerms(index.Analyzer));

    /// <summary>The title's distinct terms (stemmed, stop words out) with their weights on <paramref name="reader"/>, by term.</summary>
    public WeightedTerms Weigh(IndexReader reader, string title) => _weighed.GetOrAdd(reader, title, () => Weighed(reader, title));

    private WeightedTerms Weighed(IndexReader reader, string title)
    {
        var terms = analyzer.Terms(title, IndexFields.Title).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var weights = new float[terms.Length];
        for (var i = 0; i < terms.Length; i++) weights[i] = _rarity.GetOrAdd(reader, terms[i], () => Rarity(reader, terms[i]));
        return new WeightedTerms(terms, weights);
    }

    public void Dispose()
    {
        _rarity.Dispose();
        _weighed.Dispose();
    }

    /// <summary>Inverse document frequency among the titles, as BM25 computes it (never negative).</summary>
    private static float Rarity(IndexReader reader, string term)
    {
        var titles = reader.GetDocCount(IndexFields.Title);
        var withTerm = reader.DocFreq(new Term(IndexFields.Title, term));
        return MathF.Log(1 + (titles - withTerm + 0.5f) / (withTerm + 0.5f));
    }
}

/// <summary>A title's terms in ordinal order with their weights.</summary>
internal sealed class WeightedTerms(string[] terms, float[] weights)
{
    private readonly float _norm = MathF.Sqrt(weights.Sum(w => w * w));

    /// <summary>Cosine of the two weighted term sets (0 when either is empty).</summary>
    public float Cosine(WeightedTerms other)
    {
        if (_norm == 0 || other._norm == 0) return 0;
        var dot = 0f;
        int i = 0, j = 0;
        while (i < terms.Length && j < other.Terms.Length)
        {
            var order = string.CompareOrdinal(terms[i], other.Terms[j]);
            if (order == 0) dot += weights[i++] * other.Weights[j++];
            else if (order < 0) i++;
            else j++;
        }
        return dot / (_norm * other._norm);
    }

    /// <summary>Adds this title as a unit vector to <paramref name="sum"/> (by term); nothing for a title without terms.</summary>
    public void AddUnitTo(Dictionary<string, float> sum)
    {
        if (_norm == 0) return;
        for (var i = 0; i < terms.Length; i++) sum[terms[i]] = sum.GetValueOrDefault(terms[i]) + weights[i] / _norm;
    }

    /// <summary>The dot product of this title as a unit vector with <paramref name="sum"/> (0 for a title without terms).</summary>
    public float UnitDot(Dictionary<string, float> sum)
    {
        if (_norm == 0) return 0;
        var dot = 0f;
        for (var i = 0; i < terms.Length; i++) dot += weights[i] / _norm * sum.GetValueOrDefault(terms[i]);
        return dot;
    }

    /// <summary>The length of the weights (0 for a title without terms).</summary>
    public float Norm => _norm;

    public string[] Terms => terms;
    public float[] Weights => weights;
}
