namespace SearchService.Embeddings;

/// <summary>
/// Where a model's cosine similarities lie for a query and a passage that have nothing to do with each other:
/// their mean and standard deviation. Models differ widely (MiniLM's unrelated pairs score about 0.10 ± 0.10,
/// Arctic-embed-xs's about 0.50 ± 0.05), so a cut-off such as "not about the query" is stated in these terms.
/// </summary>
/// <param name="UnrelatedMean">Mean cosine of unrelated query–passage pairs.</param>
/// <param name="UnrelatedSpread">Standard deviation of those cosines.</param>
public sealed record SimilarityScale(float UnrelatedMean, float UnrelatedSpread)
{
    /// <summary>The cosine <paramref name="spreads"/> standard deviations above an unrelated pair's mean.</summary>
    public float Above(float spreads) => UnrelatedMean + spreads * UnrelatedSpread;
}
