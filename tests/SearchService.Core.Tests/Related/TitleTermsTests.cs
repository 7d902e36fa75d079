using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// Titles compared by their terms weighted by rarity among the index's titles (<see cref="TitleTerms"/>,
/// <see cref="RelatedFeatures.TitleCosine"/>): eight titles share GAO's "Actions Needed to Improve Oversight", two share
/// "Medicaid" and "payments".
/// </summary>
public sealed class TitleTermsTests : IDisposable
{
    private static readonly string[] Subjects = ["Coast Guard", "Wildfire Smoke", "Nuclear Waste", "Rural Broadband", "Airport Security", "Student Loans", "Drinking Water", "Census Data"];

    private readonly TempFolder _folder = new();
    private readonly BriefIndex _index;

    public TitleTermsTests()
    {
        var corpus = Subjects.Select((subject, i) => new BeirDocument($"common-{i}", $"{subject}: Actions Needed to Improve Oversight",
                $"The agency's oversight of {subject.ToLowerInvariant()} programs has gaps; actions are needed.", new DateOnly(2024, 1, 1 + i)))
            .Append(new BeirDocument("medicaid-1", "Medicaid: Managed Care Payment Data", "States pay managed care plans; Medicaid payment data are incomplete.", new DateOnly(2024, 2, 1)))
            .Append(new BeirDocument("medicaid-2", "Medicaid Financing: State Payments", "States finance Medicaid payments with provider taxes and local funds.", new DateOnly(2024, 2, 2)))
            .ToList();
        _index = BriefIndex.Open(Path.Combine(_folder.Path, "index"));
        BeirIndexer.Index(_index, new BeirDataset { Name = "titles", Corpus = corpus, Queries = new Dictionary<string, string>(), Judgments = new Dictionary<string, IReadOnlyDictionary<string, int>>() });
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_shared_rare_term_counts_for_more_than_shared_boilerplate()
    {
        var titles = TitleTerms.Of(_index);
        using var lease = _index.AcquireSearcher();
        var reader = lease.Searcher.IndexReader;

        var coastGuard = titles.Weigh(reader, "Coast Guard: Actions Needed to Improve Oversight");
        var wildfire = titles.Weigh(reader, "Wildfire Smoke: Actions Needed to Improve Oversight");
        var managedCare = titles.Weigh(reader, "Medicaid: Managed Care Payment Data");
        var financing = titles.Weigh(reader, "Medicaid Financing: State Payments");

        Assert.Equal(["action", "care", "coast", "data", "financ", "guard", "improv", "manag", "medicaid", "need", "oversight", "payment", "smoke", "state", "wildfir"],
            new[] { coastGuard, wildfire, managedCare, financing }.SelectMany(t => t.Terms).Distinct().Order(StringComparer.Ordinal));
        Assert.True(Weight(managedCare, "medicaid") > 4 * Weight(coastGuard, "action"), "two titles of ten name Medicaid, eight say 'actions'");
        // Four of six terms shared, all common: less alike than two rare terms shared of five and four.
        Assert.True(managedCare.Cosine(financing) > 3 * coastGuard.Cosine(wildfire), $"Medicaid pair {managedCare.Cosine(financing)}, boilerplate pair {coastGuard.Cosine(wildfire)}");
        Assert.Equal(1f, coastGuard.Cosine(coastGuard), 5);
        Assert.Equal(0f, coastGuard.Cosine(titles.Weigh(reader, "")), 5);
    }

    [Fact]
    public void Related_candidates_carry_the_title_cosine()
    {
        var lists = RelatedLists.For(_index, new RelatedModel(null, null));
        using var lease = _index.AcquireSearcher();

        var ranking = lists.Ranker.Rank(lease.Searcher, "medicaid-1", RelatedScoring.Fixed)!;

        var titles = TitleTerms.Of(_index);
        var source = titles.Weigh(lease.Searcher.IndexReader, "Medicaid: Managed Care Payment Data");
        Assert.Contains(ranking.Candidates, c => c.Facts.Id == "medicaid-2");
        Assert.All(ranking.Candidates, c => Assert.Equal(source.Cosine(titles.Weigh(lease.Searcher.IndexReader, c.Facts.Title)), c.Features[RelatedFeatures.TitleCosine], 5));
        Assert.Equal("medicaid-2", ranking.Candidates.MaxBy(c => c.Features[RelatedFeatures.TitleCosine])!.Facts.Id);
    }

    private static float Weight(WeightedTerms terms, string term) => terms.Weights[Array.IndexOf(terms.Terms, term)];
}
