namespace SearchService.Core.Related;

/// <summary>
/// A fixed weighted sum of the pair features: the order the service serves unless a trained ranker beat it by the
/// split protocol (then fused with the ranker's, <see cref="RelatedRankFusion"/>). Meaning (centred brief cosine, the
/// same with both briefs expanded by their nearest neighbours, best passage cosine) counts most, then distinctive shared
/// wording (MoreLikeThis, word TF-IDF, rare title terms), then topics and spelling-level overlap (character TF-IDF);
/// closeness to the source's best candidates as a group (pseudo-relevance feedback, by vector, words and titles) adds to
/// that; shared tags and authors add a little each, and every year apart takes a little off. Features that cannot be
/// computed are left out, which keeps the order sensible on an index without vectors or without the text model.
/// </summary>
public static class FixedRelatedWeighting
{
    /// <summary>The weights, by feature (see <see cref="RelatedFeatures"/>).</summary>
    public static IReadOnlyDictionary<int, float> Weights { get; } = new Dictionary<int, float>
    {
        [RelatedFeatures.CentredCosine] = 0.35f,
        [RelatedFeatures.BestPassageCosine] = 0.10f,
        [RelatedFeatures.LexicalScore] = 0.15f,
        [RelatedFeatures.WordTfidfCosine] = 0.20f,
        [RelatedFeatures.CharacterTfidfCosine] = 0.05f,
        [RelatedFeatures.TopicCosine] = 0.10f,
        [RelatedFeatures.SharedTags] = 0.03f,
        [RelatedFeatures.SharedAuthors] = 0.03f,
        [RelatedFeatures.SamePublisher] = 0.01f,
        [RelatedFeatures.YearsApart] = -0.005f,
        [RelatedFeatures.NeighbourhoodCosine] = 0.10f,
        [RelatedFeatures.NeighbourhoodWordTfidfCosine] = 0.10f,
        [RelatedFeatures.ExpandedCosine] = 0.15f,
        [RelatedFeatures.TitleCosine] = 0.10f,
        [RelatedFeatures.NeighbourhoodTitleCosine] = 0.10f,
    };

    private const float MostTagsCounted = 3;

    /// <summary>
    /// The weighted sum; without <paramref name="groupTerms"/>, the neighbourhood cosines are left out: the first pass
    /// that picks the source's best candidates, whose centroid those cosines are measured against.
    /// </summary>
    public static float Score(float[] features, bool groupTerms = true)
    {
        var score = 0f;
        foreach (var (feature, weight) in Weights)
        {
            if (!groupTerms && feature is RelatedFeatures.NeighbourhoodCosine or RelatedFeatures.NeighbourhoodWordTfidfCosine or RelatedFeatures.NeighbourhoodTitleCosine) continue;
            var value = features[feature];
            // Discount briefs that are close to everything (hubs) when their density is known.
            if (feature == RelatedFeatures.CentredCosine && !float.IsNaN(features[RelatedFeatures.HubnessAdjustedCosine]))
                value = features[RelatedFeatures.HubnessAdjustedCosine] / 2;
            if (float.IsNaN(value)) continue;
            if (feature is RelatedFeatures.SharedTags or RelatedFeatures.SharedAuthors) value = Math.Min(value, MostTagsCounted);
            score += weight * value;
        }
        return score;
    }
}
