using SearchService.Core.Briefs;
using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>The seed brief is the format our publisher uses; its extraction is exact.</summary>
public sealed class SeedBriefExtractionTests
{
    private readonly Brief _brief = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));

    [Fact]
    public void Reads_metadata_from_front_matter()
    {
        Assert.Equal("navigating-ai-sovereignty", _brief.Id);
        Assert.Equal("Navigating AI Sovereignty: Strategic Choices for the UK", _brief.Title);
        Assert.Equal(new DateOnly(2025, 11, 18), _brief.Date);
        Assert.Equal(["Policy Brief"], _brief.Tags);
        Assert.Equal("Policy Brief", _brief.Type);
        Assert.Contains(_brief.Links, l => l.Url == "https://www.ai.cam.ac.uk/assets/uploads/ai-cam_navigating_ai_sovereignty.pdf" && l.Text == "Download full report");
        Assert.DoesNotContain(_brief.Links, l => l.Url == "#");
        Assert.StartsWith("This policy brief addresses whether the UK's current approach", _brief.Summary);
    }

    [Fact]
    public void Reads_four_authors_with_roles()
    {
        Assert.Equal(
            [
                new Author("Jessica Montgomery", "Director ai@cam"),
                new Author("Neil Lawrence", "Chair ai@cam"),
                new Author("Diane Coyle", "Bennett Professor of Public Policy"),
                new Author("Gina Neff", "Executive Director"),
            ],
            _brief.Authors);
    }

    [Fact]
    public void Finds_exactly_four_findings_joining_the_one_split_across_two_bullets()
    {
        Assert.Equal(4, _brief.Findings.Count);
        Assert.All(_brief.Findings, f => Assert.Equal("Key Findings", f.Section));
        Assert.Equal(
            "The UK's investment strategy risks leading to managed dependence rather than lasting AI sovereignty. " +
            "Despite substantial supply-side investments in infrastructure and research, these actions sit alongside deepening dependencies on foreign AI systems.",
            _brief.Findings[0].Text);
        Assert.StartsWith("The UK's £2 billion AI investment", _brief.Findings[3].Text);
    }

    [Fact]
    public void Finds_ten_recommendations_four_titled_in_the_body_and_six_in_front_matter_content()
    {
        Assert.Equal(10, _brief.Recommendations.Count);

        var body = _brief.Recommendations.Where(r => r.Origin == "body").ToList();
        Assert.Equal(4, body.Count);
        Assert.All(body, r => Assert.Equal("Recommendations", r.Section));
        Assert.Equal("Make government an anchor customer for UK AI", body[0].Title);
        Assert.StartsWith("Public sector AI procurement, particularly by the NHS", body[0].Detail);
        Assert.Equal($"{body[0].Title}: {body[0].Detail}", body[0].Text);
        Assert.Equal("Support open-source AI development", body[3].Title);

        var content = _brief.Recommendations.Where(r => r.Origin == "front matter: content").ToList();
        Assert.Equal(6, content.Count);
        Assert.All(content, r => Assert.Equal("Key Recommendations", r.Section));
        Assert.StartsWith("Holistically examine the impact GenAI", content[0].Text);
        Assert.StartsWith("We urge caution against embarking", content[5].Text);
    }

    [Fact]
    public void Front_matter_markdown_is_content_with_its_own_sections()
    {
        Assert.Contains(_brief.Sections, s => s.Heading == "Executive Summary" && s.Origin == "front matter: content" && s.Role == SectionRole.Summary);
        Assert.Contains(_brief.Sections, s => s.Heading == "1. Research Community Development");
        Assert.Contains("Beijing Treaty on Audiovisual Performances", _brief.Body);
        Assert.Contains("Launched five ambitious AI-deas research programmes", _brief.Body);
    }

    [Fact]
    public void Text_is_normalised()
    {
        var all = string.Join(" ", _brief.Findings.Select(f => f.Text)) + _brief.Body + _brief.Summary;
        Assert.DoesNotContain('\u00A0', all);
        Assert.DoesNotContain('\u2019', all);
        Assert.DoesNotContain("**", all);
        Assert.DoesNotContain("  ", all.Replace("\n\n", "\n"));
    }
}
