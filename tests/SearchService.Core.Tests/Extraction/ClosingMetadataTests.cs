using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>Authors named only where a publication closes, and document types normalised to one facet value.</summary>
public sealed class ClosingMetadataTests
{
    [Theory]
    [InlineData("IF12610.6.pdf", new[] { "Jennifer DiMascio", "Hannah D. Dennis" })]
    [InlineData("IF11043.3.pdf", new[] { "Amanda K. Sarata" })]
    [InlineData("IF13203.2.pdf", new[] { "Eric P. Nardi" })]
    [InlineData("IF12888.3.pdf", new[] { "Carol Hardy Vincent", "Laura B. Comay" })]
    public void A_crs_in_focus_pdf_names_its_authors_in_its_closing_lines(string file, string[] authors)
    {
        var brief = BriefExtractor.Extract(Fixtures.SharedCorpus("crs-reports", "pdf", file));

        Assert.Equal(authors, brief.Authors.Select(a => a.Name));
    }

    [Theory]
    [InlineData("markdown/gao-26-107787.md", new[] { "John E. Dicken" })]
    [InlineData("markdown/gao-26-108888.md", new[] { "Diana Maurer" })]
    [InlineData("markdown/gao-07-283.md", new[] { "Mark Gaffigan", "Frank Rusco" })]
    [InlineData("pdf/gao-07-106.pdf", new[] { "Jim Wells" })]
    // A hyphenated name whose mailbox drops the hyphen ("lucasjudyj@…").
    [InlineData("markdown/gao-26-108116.md", new[] { "Jessica Lucas-Judy" })]
    // Only the publisher's press and liaison offices are listed: they wrote nothing.
    [InlineData("markdown/gao-26-108653.md", new string[0])]
    public void A_gao_report_names_its_contact_as_author_but_never_the_press_office(string file, string[] authors)
    {
        var brief = BriefExtractor.Extract(Fixtures.SharedCorpus("gao-reports", file));

        Assert.Equal(authors, brief.Authors.Select(a => a.Name));
    }

    [Theory]
    [InlineData("Reports", "Report")]
    [InlineData("report", "Report")]
    [InlineData("REPORT", "Report")]
    [InlineData("In Focus", "In Focus")]
    [InlineData("Policy Briefs", "Policy Brief")]
    [InlineData("Insights", "Insight")]
    [InlineData("Analysis", "Analysis")]
    [InlineData("Case Studies", "Case Study")]
    [InlineData("News", "News")]
    public void Type_values_are_singular_with_consistent_case(string given, string expected) =>
        Assert.Equal(expected, BriefExtractor.NormalizeType(given));

    [Fact]
    public void A_crs_report_whose_header_says_reports_is_a_report_like_gao_reports()
    {
        var crs = BriefExtractor.Extract(Fixtures.SharedCorpus("crs-reports", "markdown", "reports", "R46646v17-election-administration-federal-grant-programs-f.md"));
        var gao = BriefExtractor.Extract(Fixtures.SharedCorpus("gao-reports", "markdown", "gao-26-107551.md"));

        Assert.Equal("Report", crs.Type);
        Assert.Equal(gao.Type, crs.Type);
    }
}
