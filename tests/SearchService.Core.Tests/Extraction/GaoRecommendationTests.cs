using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>
/// Every GAO report in ../shared/corpora, as Markdown and as PDF: exactly the recommendations the report
/// states (counted by hand from its "GAO is making N recommendations", its numbered recommendations or
/// its "we recommend that …" paragraph), and whom each addresses. Testimonies and reports that recommend
/// nothing yield none, whatever they say about earlier recommendations.
/// </summary>
public sealed class GaoRecommendationTests
{
    [Theory]
    [InlineData("markdown/gao-05-927.md", 0, null)]
    [InlineData("pdf/gao-05-927.pdf", 0, null)]
    [InlineData("markdown/gao-06-1046.md", 1, "Director of OMB")]
    [InlineData("pdf/gao-06-1046.pdf", 1, "Director of OMB")]
    [InlineData("markdown/gao-06-282.md", 1, "Secretary of Agriculture")]
    [InlineData("pdf/gao-06-282.pdf", 1, "Secretary of Agriculture")]
    [InlineData("markdown/gao-07-106.md", 1, "Congress")]
    [InlineData("pdf/gao-07-106.pdf", 1, "Congress")]
    [InlineData("markdown/gao-07-283.md", 1, "Secretary of Energy")]
    [InlineData("pdf/gao-07-283.pdf", 1, "Secretary of Energy")]
    [InlineData("markdown/gao-26-107551.md", 17, "Director of OMB")]
    [InlineData("markdown/gao-26-107592.md", 1, "Secretary of Health and Human Services")]
    [InlineData("markdown/gao-26-107650.md", 0, null)]
    [InlineData("markdown/gao-26-107682.md", 1, "Administrator of SBA")]
    [InlineData("markdown/gao-26-107759.md", 1, "Director of OSTP")]
    [InlineData("markdown/gao-26-107787.md", 0, null)]
    [InlineData("markdown/gao-26-107815.md", 0, null)]
    [InlineData("markdown/gao-26-107841.md", 1, "Secretary of Transportation")]
    [InlineData("markdown/gao-26-107951.md", 0, null)]
    [InlineData("markdown/gao-26-107955.md", 1, "Secretary of Defense")]
    [InlineData("markdown/gao-26-108116.md", 3, "Commissioner of Internal Revenue")]
    [InlineData("markdown/gao-26-108485.md", 0, null)]
    [InlineData("markdown/gao-26-108534.md", 1, "Secretary of Education")]
    [InlineData("markdown/gao-26-108653.md", 0, null)]
    [InlineData("markdown/gao-26-108745.md", 0, null)]
    [InlineData("markdown/gao-26-108754.md", 2, "Secretary of State")]
    [InlineData("markdown/gao-26-108888.md", 0, null)]
    [InlineData("markdown/gao-26-108943.md", 0, null)]
    [InlineData("markdown/gao-26-109008.md", 0, null)]
    [InlineData("markdown/gao-26-900720.md", 0, null)]
    public void A_report_yields_exactly_the_recommendations_it_states(string file, int stated, string? addressee)
    {
        var brief = BriefExtractor.Extract(Fixtures.SharedCorpus("gao-reports", file));

        Assert.Equal(stated, brief.Recommendations.Count);
        Assert.All(brief.Recommendations, r => Assert.Equal(addressee, r.Addressee));
        Assert.DoesNotContain(brief.Recommendations, r => StatementExtractor.IntroducesRecommendations(r.Text));
        Assert.DoesNotContain(brief.Recommendations, r => PageFurniture.IsFurniture(r.Text));
    }

    [Fact]
    public void A_numbered_recommendation_cut_by_a_heading_is_joined_and_the_status_appendix_is_no_recommendation()
    {
        var brief = BriefExtractor.Extract(Fixtures.SharedCorpus("gao-reports", "markdown", "gao-26-107551.md"));

        var fifteenth = Assert.Single(brief.Recommendations, r => r.Text.EndsWith("(Recommendation 15)"));
        Assert.StartsWith("The Director of OMB should ensure that the data governance activities", fifteenth.Text);
        Assert.Contains("useful formats", fifteenth.Text);
        Assert.Equal(Enumerable.Range(1, 17).Select(n => $"(Recommendation {n})"), brief.Recommendations.Select(r => r.Text[r.Text.LastIndexOf('(')..]));
        Assert.DoesNotContain(brief.Recommendations, r => r.Text.StartsWith("Open –") || r.Text.StartsWith("Closed –"));
    }

    [Fact]
    public void A_recommendation_whose_actions_are_listed_is_one_recommendation_with_its_actions()
    {
        var brief = BriefExtractor.Extract(Fixtures.SharedCorpus("gao-reports", "pdf", "gao-07-283.pdf"));

        var recommendation = Assert.Single(brief.Recommendations);
        Assert.Contains("we recommend that the Secretary of Energy take the lead", recommendation.Text);
        Assert.Contains("Monitor global supply and demand of oil", recommendation.Text);
        Assert.Contains("Assess alternative technologies", recommendation.Text);
    }

    [Theory]
    [InlineData("Recommendations for Executive Action 62 Appendix II Status of GAO Recommendations Related to Inventory Implementation 67", true)]
    [InlineData("Recommendation for Executive Action 10 Agency Comments and Our Evaluation 10", true)]
    [InlineData("Appendix I User Groups and Organizations Interviewed by GAO on the Federal Program Inventory 64", true)]
    [InlineData("This is a work of the U.S. government and is not subject to copyright protection in the United States. The published product may be reproduced and distributed in its entirety without further permission from GAO.", true)]
    [InlineData("U.S. Government Accountability Office, 441 G Street NW, Washington, DC 20548", true)]
    [InlineData("This page intentionally left blank.", true)]
    [InlineData("Please contact me at (202) 512-6806 or lockeD@gao.gov if you or your staff have any questions about this report.", true)]
    [InlineData("The Director of OMB should provide appropriated amounts for the current and prior 2 fiscal years. (Recommendation 7)", false)]
    [InlineData("Twenty-six of 49 states have not decreased the use of congregate care for youth in foster care despite the 2018 law.", false)]
    [InlineData("Copyright holders should be compensated for the use of their work by AI systems.", false)]
    public void Furniture_is_recognised_and_statements_are_not(string paragraph, bool furniture) =>
        Assert.Equal(furniture, PageFurniture.IsFurniture(paragraph));

    [Theory]
    [InlineData("GAO is making two recommendations to State about mitigating risks related to democracy assistance.", true)]
    [InlineData("We are making the following 17 recommendations to OMB:", true)]
    [InlineData("Across the reports summarized in this statement, GAO has made nearly 200 recommendations, with which DOD generally agreed.", true)]
    [InlineData("GAO previously reported that USPS should continue to take actions to address its financial condition.", true)]
    [InlineData("The Secretary of State should ensure that implementing partners develop a plan. (Recommendation 1)", false)]
    [InlineData("We recommend that the Secretary of Agriculture educate all states about its policy.", false)]
    public void Paragraphs_that_count_or_recall_recommendations_are_told_from_recommendations(string paragraph, bool introduces) =>
        Assert.Equal(introduces, StatementExtractor.IntroducesRecommendations(paragraph));
}
