using SearchService.Core.Related;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// Pseudo-relevance feedback by titles (<see cref="RelatedFeatures.NeighbourhoodTitleCosine"/>), on 60 real GAO
/// summaries: each candidate's title against the titles of the source's ten best candidates.
/// </summary>
public sealed class NeighbourhoodTitleTests(GaoRelatedSlice slice) : IClassFixture<GaoRelatedSlice>
{
    [Theory]
    [InlineData("GAO-19-373")]
    [InlineData("GAO-17-17")]
    public void Candidates_carry_their_titles_cosine_with_the_titles_of_the_sources_best_candidates_but_their_own(string source)
    {
        var index = slice.WithVectors;
        var lists = RelatedLists.For(index, new RelatedModel(null, null));
        using var lease = index.AcquireSearcher();
        var reader = lease.Searcher.IndexReader;
        var titles = TitleTerms.Of(index);

        var candidates = lists.Ranker.Rank(lease.Searcher, source, RelatedScoring.Fixed)!.Candidates;

        // The best ten by the fixed weighting without its group terms; each title a unit vector over its terms.
        var best = candidates.OrderByDescending(c => FixedRelatedWeighting.Score(c.Features, groupTerms: false)).ThenBy(c => c.Doc).Take(10).ToList();
        Assert.True(candidates.Count > 20, $"{candidates.Count} candidates");
        foreach (var candidate in candidates)
        {
            var sum = best.Where(b => b != candidate).Select(b => titles.Weigh(reader, b.Facts.Title)).Where(t => t.Norm > 0)
                .SelectMany(t => t.Terms.Select((term, i) => (term, weight: t.Weights[i] / t.Norm)))
                .GroupBy(p => p.term).ToDictionary(g => g.Key, g => g.Sum(p => p.weight));
            var own = titles.Weigh(reader, candidate.Facts.Title);
            var dot = own.Terms.Select((term, i) => own.Weights[i] / own.Norm * sum.GetValueOrDefault(term)).Sum();
            Assert.Equal(dot / MathF.Sqrt(sum.Values.Sum(v => v * v)), candidate.Features[RelatedFeatures.NeighbourhoodTitleCosine], 4);
        }
    }
}
