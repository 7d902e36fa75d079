using System.Text;
using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>Plain text: paragraphs, lists and headings recovered from layout alone.</summary>
public sealed class PlainTextExtractionTests
{
    private const string Memo = """
        Coastal Erosion Briefing

        Coastal erosion now claims two metres of cliff a year along the
        eastern shore, and the information available to councils is out of
        date. Councils lack the infor-
        mation they need to plan, and long-
        term funding is uncertain.

        Key findings:

        - Erosion rates have doubled since the last survey, most of
          all where sea defences end.
        - Insurance for cliff-top homes is no longer offered.

        Recommendations
        ===============

        1. The government should fund a new survey of the whole coast.
        2. Councils should stop approving homes within 100 metres of the cliff edge.
        """;

    private static readonly Lazy<Briefs.Brief> Brief = new(() => BriefExtractor.Extract(Encoding.UTF8.GetBytes(Memo), "coastal-erosion.txt"));

    [Fact]
    public void Plain_text_is_read_as_text_with_its_first_line_as_title()
    {
        Assert.Equal("text", Brief.Value.Format);
        Assert.Equal("Coastal Erosion Briefing", Brief.Value.Title);
    }

    [Fact]
    public void Hard_line_breaks_are_joined_and_hyphenation_is_undone_where_the_text_shows_it()
    {
        var body = Brief.Value.Body;

        Assert.Contains("claims two metres of cliff a year along the eastern shore", body);
        Assert.Contains("Councils lack the information they need to plan, and long-term funding is uncertain.", body);
    }

    [Fact]
    public void Title_like_lines_become_headings_and_lists_become_findings_and_recommendations()
    {
        var brief = Brief.Value;

        Assert.Equal(
            ["Erosion rates have doubled since the last survey, most of all where sea defences end.", "Insurance for cliff-top homes is no longer offered."],
            brief.Findings.Select(f => f.Text));
        Assert.Equal(
            ["The government should fund a new survey of the whole coast.", "Councils should stop approving homes within 100 metres of the cliff edge."],
            brief.Recommendations.Select(r => r.Text));
    }

    [Fact]
    public void Markdown_characters_in_plain_text_are_text()
    {
        var brief = BriefExtractor.Extract(Encoding.UTF8.GetBytes("Notes on costs\n\nCosts rose 5* in 2023 and the [draft] plan uses a_b naming; see <appendix>."), "costs.txt");

        Assert.Equal("text", brief.Format);
        Assert.Contains("Costs rose 5* in 2023 and the [draft] plan uses a_b naming; see <appendix>.", brief.Body);
    }
}
