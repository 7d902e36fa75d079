using SearchService.Core.Related;

namespace SearchService.Core.Tests.Related;

/// <summary>The hand-set weighting of the pair features (<see cref="FixedRelatedWeighting"/>).</summary>
public sealed class FixedRelatedWeightingTests
{
    [Fact]
    public void Closeness_to_the_sources_best_candidates_as_a_group_counts()
    {
        var alone = Features(neighbourhood: 0.2f);
        var amongTheBest = Features(neighbourhood: 0.8f);

        Assert.True(FixedRelatedWeighting.Score(amongTheBest) > FixedRelatedWeighting.Score(alone));
    }

    [Fact]
    public void Without_the_group_terms_it_still_orders_and_meaning_counts_most()
    {
        // Before the neighbourhood is known (the first pass that picks it) those features are NaN and left out.
        var close = Features(neighbourhood: float.NaN, centred: 0.6f);
        var far = Features(neighbourhood: float.NaN, centred: 0.1f);

        Assert.False(float.IsNaN(FixedRelatedWeighting.Score(close)));
        Assert.True(FixedRelatedWeighting.Score(close) > FixedRelatedWeighting.Score(far));
    }

    [Fact]
    public void The_first_pass_leaves_the_group_terms_out_even_when_they_are_known()
    {
        var amongTheBest = Features(neighbourhood: 0.8f);
        var unknown = Features(neighbourhood: float.NaN);

        Assert.Equal(FixedRelatedWeighting.Score(unknown), FixedRelatedWeighting.Score(amongTheBest, groupTerms: false));
        Assert.True(FixedRelatedWeighting.Score(amongTheBest) > FixedRelatedWeighting.Score(amongTheBest, groupTerms: false));
    }

    [Fact]
    public void The_centred_cosine_is_hub_discounted_when_densities_are_known()
    {
        var hub = Features(neighbourhood: 0.5f, centred: 0.5f);
        hub[RelatedFeatures.HubnessAdjustedCosine] = 2 * 0.5f - 0.9f - 0.3f;
        var plain = Features(neighbourhood: 0.5f, centred: 0.5f);
        plain[RelatedFeatures.HubnessAdjustedCosine] = 2 * 0.5f - 0.3f - 0.3f;

        Assert.True(FixedRelatedWeighting.Score(plain) > FixedRelatedWeighting.Score(hub));
    }

    private static float[] Features(float neighbourhood, float centred = 0.4f)
    {
        var features = new float[RelatedFeatures.Count];
        Array.Fill(features, float.NaN);
        features[RelatedFeatures.BriefCosine] = 0.8f;
        features[RelatedFeatures.CentredCosine] = centred;
        features[RelatedFeatures.BestPassageCosine] = 0.7f;
        features[RelatedFeatures.LexicalScore] = 0.5f;
        features[RelatedFeatures.WordTfidfCosine] = 0.3f;
        features[RelatedFeatures.NeighbourhoodCosine] = neighbourhood;
        features[RelatedFeatures.NeighbourhoodWordTfidfCosine] = neighbourhood;
        return features;
    }
}
