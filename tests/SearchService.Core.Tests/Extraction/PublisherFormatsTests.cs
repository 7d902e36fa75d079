using SearchService.Core.Briefs;
using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>Other publishers' shapes: GAO reports converted from PDF, CRS products converted from web pages.</summary>
public sealed class PublisherFormatsTests
{
    [Fact]
    public void Gao_report_yields_what_gao_found_and_numbered_recommendations()
    {
        var brief = BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoWithNumberedRecommendations));

        Assert.Equal("gao-26-107551", brief.Id);
        Assert.Equal("Federal Programs: OMB Needs to Continue Developing a Complete and Useful Inventory", brief.Title);
        Assert.Equal(new DateOnly(2026, 3, 5), brief.Date);
        Assert.Equal("U.S. Government Accountability Office", brief.Publisher);
        Assert.Equal("Report", brief.Type);
        Assert.Contains(brief.Links, l => l.Url == "https://www.gao.gov/products/gao-26-107551");

        var found = brief.Findings.Where(f => f.Section == "What GAO Found").ToList();
        Assert.True(found.Count >= 3, $"expected the What GAO Found paragraphs as findings, got {found.Count}");
        Assert.StartsWith("Each year, the federal government spends trillions of dollars", found[0].Text);

        var numbered = brief.Recommendations.Where(r => r.Text.Contains("(Recommendation")).ToList();
        Assert.True(numbered.Count >= 14, $"expected the numbered recommendations, got {numbered.Count}");
        Assert.Contains(numbered, r => r.Text.EndsWith("(Recommendation 1)") && r.Text.StartsWith("The Director of OMB should ensure"));
        Assert.Contains(numbered, r => r.Text.EndsWith("(Recommendation 2)")); // the number wrapped onto the next line
        // The highlights page's "GAO is making 17 recommendations to OMB" counts them; it is none of them.
        Assert.DoesNotContain(brief.Recommendations, r => r.Section == "What GAO Recommends");
        Assert.Equal(brief.Recommendations.Count, brief.Recommendations.Select(r => r.Text).Distinct().Count());
    }

    [Fact]
    public void Gao_report_without_numbers_still_yields_its_recommendation()
    {
        var brief = BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoQuantum));

        Assert.Contains(brief.Recommendations, r => r.Text.StartsWith("The Director of OSTP should, in coordination with the SCQIS agencies"));
        Assert.Contains(brief.Findings, f => f.Section == "What GAO Found" && f.Text.StartsWith("GAO found that, with respect to quantum computing"));
        Assert.DoesNotContain(brief.Recommendations, r => r.Text.StartsWith("2026. According to NSF officials"));
    }

    [Fact]
    public void Page_furniture_and_boilerplate_are_not_indexed()
    {
        var raw = File.ReadAllText(Fixtures.Brief(Fixtures.GaoWithPageHeaders));
        Assert.Contains("Page 2 GAO-26-107815", raw);

        var brief = BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoWithPageHeaders));

        Assert.DoesNotContain("Page 2 GAO-26-107815", brief.Body);
        Assert.DoesNotContain("see original PDF", brief.Body);
        Assert.DoesNotContain(brief.Sections, s => s.Role == SectionRole.Boilerplate);
        Assert.DoesNotContain("Order by Phone", brief.Body);
    }

    [Fact]
    public void Crs_product_reads_its_metadata_header_and_drops_navigation()
    {
        var brief = BriefExtractor.Extract(Fixtures.Brief(Fixtures.CrsBiometrics));

        Assert.Equal("Biometric Technologies and Global Security", brief.Title);
        Assert.Equal(new DateOnly(2026, 4, 16), brief.Date);
        Assert.Equal("In Focus", brief.Type);
        Assert.Equal("Congressional Research Service", brief.Publisher);
        Assert.Equal([new Author("Kelley M. Sayler", null)], brief.Authors);
        Assert.Equal(["Defense & Intelligence"], brief.Tags);
        Assert.StartsWith("Biometric technologies use unique biological or behavioral attributes", brief.Summary);
        Assert.DoesNotContain("Subscribe", brief.Body);
        Assert.DoesNotContain("https://", brief.Body);
        Assert.DoesNotContain("These documents were prepared by the Congressional Research Service", brief.Body);
        Assert.Contains(brief.Sections, s => s.Heading == "Potential questions for Congress");
    }

    [Theory]
    [InlineData("Key Findings", SectionRole.Findings)]
    [InlineData("What the Inspector General Found", SectionRole.Findings)]
    [InlineData("Conclusions", SectionRole.Findings)]
    [InlineData("Recommendations for Executive Action", SectionRole.Recommendations)]
    [InlineData("What GAO Recommends", SectionRole.Recommendations)]
    [InlineData("Policy Options", SectionRole.Recommendations)]
    [InlineData("Key Recommendations", SectionRole.Recommendations)]
    [InlineData("Executive Summary", SectionRole.Summary)]
    [InlineData("Background", SectionRole.Other)]
    [InlineData("GAO's Mission Obtaining Copies of GAO Reports and Testimony", SectionRole.Boilerplate)]
    public void Section_roles_come_from_the_wording_of_headings(string heading, SectionRole role) =>
        Assert.Equal(role, SectionRoleClassifier.Classify(heading));

    [Fact]
    public void An_unseen_publisher_with_its_own_headings_still_works()
    {
        const string markdown = """
            # Water Security in Small Island States

            ## What the Panel Found

            Freshwater lenses on atolls are shrinking as sea levels rise and abstraction grows.

            - Desalination capacity covers less than a fifth of demand in the dry season.

            ## Policy Options

            1. **Fund rainwater harvesting.** Grants for household tanks would cut peak demand.
            2. Regional utilities should share desalination maintenance crews.
            """;
        var brief = BriefExtractor.ExtractMarkdown(markdown, "water-security.md");

        Assert.Equal(2, brief.Findings.Count);
        Assert.Equal("What the Panel Found", brief.Findings[0].Section);
        Assert.Equal(2, brief.Recommendations.Count);
        Assert.Equal("Fund rainwater harvesting", brief.Recommendations[0].Title);
        Assert.Equal("Grants for household tanks would cut peak demand.", brief.Recommendations[0].Detail);
        Assert.Null(brief.Recommendations[1].Title);
    }
}
