using System.Text.RegularExpressions;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>PDFs as GAO and CRS publish them, read through the same extraction as Markdown briefs.</summary>
public sealed partial class PdfExtractionTests
{
    private static readonly Lazy<Brief> Gao = new(() => BriefExtractor.Extract(Fixtures.Format(Fixtures.GaoPdf)));
    private static readonly Lazy<Brief> Crs = new(() => BriefExtractor.Extract(Fixtures.Format(Fixtures.CrsPdf)));

    [Fact]
    public void Gao_pdf_yields_what_gao_found_as_findings()
    {
        var found = Gao.Value.Findings.Where(f => f.Section == "What GAO Found").ToList();

        Assert.Equal(3, found.Count);
        Assert.StartsWith("Accountability provisions in federal grants can vary widely.", found[0].Text);
        // The highlights page's numbered strategies, rebuilt from markers PdfPig places apart from their text.
        Assert.StartsWith("ensure mechanisms are of sufficient value to motivate desired behaviors, periodically renegotiate", found[1].Text);
        Assert.StartsWith("Opportunities exist to improve the design and implementation of federal grants.", found[2].Text);
        // The highlights page ends its section: the letter after the contents page holds no findings of it.
        Assert.DoesNotContain(found, f => f.Text.Contains("Dear Mr. Chairman") || f.Text.Contains("not subject to copyright"));
    }

    [Fact]
    public void Gao_pdf_yields_its_recommendation_for_executive_action_not_the_highlights_summary_of_it()
    {
        var recommendations = Gao.Value.Recommendations;

        // "What GAO Recommends" on the highlights page summarises the one recommendation the letter states.
        var recommendation = Assert.Single(recommendations);
        Assert.Equal("Recommendation for Executive Action", recommendation.Section);
        Assert.StartsWith("We are therefore recommending that the Director of OMB encourage and assist federal agencies", recommendation.Text);
        Assert.Equal("Director of OMB", recommendation.Addressee);
    }

    [Fact]
    public void Gao_pdf_metadata_comes_from_its_text_and_document_information()
    {
        var brief = Gao.Value;

        Assert.Equal("pdf", brief.Format);
        Assert.Equal("gao-06-1046", brief.Id);
        // Document information says "GAO-06-1046, GRANTS MANAGEMENT: Enhancing …": the number goes, the capitals are tamed.
        Assert.Equal("Grants Management: Enhancing Performance Accountability Provisions Could Lead to Better Results", brief.Title);
        Assert.Equal(new DateOnly(2006, 9, 29), brief.Date); // the letter's date, not the PDF's creation date (September 22)
        Assert.Equal("U.S. Government Accountability Office", brief.Publisher);
        Assert.Equal("Report", brief.Type);
    }

    [Fact]
    public void Gao_pdf_loses_its_running_footers_and_page_numbers_and_keeps_its_margin_headings()
    {
        var brief = Gao.Value;

        Assert.DoesNotContain("GAO-06-1046 Grants Management", brief.Body);
        Assert.DoesNotMatch(PageNumberLine(), brief.Body);
        var headings = brief.Sections.Select(s => s.Heading).ToList();
        Assert.Contains("Results in Brief", headings);
        Assert.Contains("Conclusions", headings);
        // Seven lines of 17 pt type in the margin, segmented into several blocks, read as one heading.
        Assert.Contains("Strategies Support Successful Selection, Design, and Implementation of Performance Accountability Mechanisms", headings);
        Assert.Equal(SectionRole.Findings, brief.Sections.Single(s => s.Heading == "What GAO Found").Role);
    }

    [Fact]
    public void Gao_pdf_paragraphs_run_across_pages_and_line_end_hyphens_are_resolved()
    {
        var body = Gao.Value.Body;

        // "…long-" / "term fiscal imbalance": a compound keeps its hyphen.
        Assert.Contains("the nation's long-term fiscal imbalance—drive the need", body);
        // A sentence broken by a page, its footnote and the running footer reads as one.
        Assert.Contains("Simply monitoring and reporting performance can also encourage performance accountability and performance improvements.", body);
        // Footnotes leave the flow and are kept under Notes.
        Assert.Contains(Gao.Value.Sections, s => s.Heading == "Notes" && s.Text.Contains("Pub. L. No. 103-62, 107 Stat. 285 (1993)."));
    }

    [Fact]
    public void Crs_pdf_gives_title_date_author_and_its_two_columns_in_reading_order()
    {
        var brief = Crs.Value;

        Assert.Equal("Farm Bill Primer: Trade and Export Promotion Programs", brief.Title);
        Assert.Equal(new DateOnly(2026, 4, 21), brief.Date);
        Assert.Equal("Congressional Research Service", brief.Publisher); // from the running footer's link
        Assert.Equal("Benjamin Tsui", Assert.Single(brief.Authors).Name);

        var body = brief.Body;
        Assert.Contains("Agricultural exports are significant to farmers and the U.S. economy. With the productivity of U.S. agriculture growing", body);
        // Left column before right column, though their lines interleave on the page.
        Assert.True(body.IndexOf("which are not addressed in this In Focus.", StringComparison.Ordinal)
                    < body.IndexOf("The U.S. agricultural trade surplus peaked at $40.1 billion in 2011.", StringComparison.Ordinal));
        Assert.DoesNotContain("crsreports.congress.gov", body);
        Assert.DoesNotContain("Farm Bill Primer", body); // the running header is gone (the title is the brief's title, not body text)
    }

    [Fact]
    public void Crs_pdf_headings_and_bulleted_programs_are_recognised()
    {
        var brief = Crs.Value;

        Assert.Equal(
            ["Trade Situation Overview", "Trade Provisions in the Farm Bill", "Export Market Development Programs", "Export Credit Guarantee Programs",
             "Other Export-Related Provisions", "Administrative Actions", "FY2025 Budget Reconciliation Law", "Issues and Options", "Overview of H.R. 7567 Trade Provisions"],
            brief.Sections.Select(s => s.Heading).Where(h => !h.StartsWith("Updated") && !h.StartsWith("Benjamin")));
        var programs = brief.Sections.Single(s => s.Heading == "Export Market Development Programs").Text;
        Assert.Contains("Market Access Program (MAP) provides cost-sharing of overseas marketing", programs);
        Assert.DoesNotContain("•", programs);
        Assert.DoesNotContain(brief.Sections, s => s.Heading == "Disclaimer"); // publisher boilerplate, as in Markdown
    }

    [GeneratedRegex(@"(^|\n)Page \d+(\n|$)")]
    private static partial Regex PageNumberLine();
}
