using SearchService.Core.Themes;

namespace SearchService.Core.Tests.Semantic;

public sealed class ThemeExplorerTests(SemanticSampleIndex sample) : IClassFixture<SemanticSampleIndex>
{
    [Fact]
    public void A_theme_gathers_findings_and_recommendations_by_brief_and_year()
    {
        var results = new ThemeExplorer(sample.Index, sample.Encoder).Explore(new ThemeRequest("AI sovereignty"));

        var seed = Assert.Single(results.Briefs, b => b.Id == "navigating-ai-sovereignty");
        Assert.Equal(results.Briefs[0].Id, seed.Id);
        Assert.Contains(seed.Passages, p => p.Kind == "finding" && p.Text.Contains("<mark>sovereignty</mark>"));
        Assert.All(results.Briefs.SelectMany(b => b.Passages), p => Assert.Contains(p.Kind, new[] { "finding", "recommendation" }));
        Assert.Contains(results.Years, y => y.Year == 2025 && y.Briefs == 1);
        Assert.Equal(results.Passages, results.Briefs.Sum(b => b.Passages.Count));
        Assert.Contains(results.Topics, t => t.Kind == "tag" && t.Topic == "Policy Brief");
    }

    [Fact]
    public void Meaning_alone_finds_statements_with_none_of_the_words()
    {
        var results = new ThemeExplorer(sample.Index, sample.Encoder).Explore(new ThemeRequest("national control over artificial intelligence capabilities"));
        Assert.Contains(results.Briefs.SelectMany(b => b.Passages), p => p.MatchedMeaning && !p.MatchedKeywords);
    }

    [Fact]
    public void Dates_filter_and_csv_quotes_every_text_field()
    {
        var explorer = new ThemeExplorer(sample.Index, sample.Encoder);
        var only2026 = explorer.Explore(new ThemeRequest("recommendations", 100, new DateOnly(2026, 1, 1)));
        Assert.All(only2026.Briefs, b => Assert.True(b.Date >= new DateOnly(2026, 1, 1)));

        var csv = ThemeCsv.Write(explorer.Explore(new ThemeRequest("AI sovereignty", 5)));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("brief_id,brief_title,date,kind,section,score,matched_by,text", lines[0]);
        Assert.StartsWith("\"navigating-ai-sovereignty\",\"Navigating AI Sovereignty: Strategic Choices for the UK\",2025-11-18,", lines[1]);
    }

    [Fact]
    public void Bad_requests_say_what_is_wrong()
    {
        Assert.Contains("q is required", new ThemeRequest(" ").Validate());
        Assert.Contains("size must be between", new ThemeRequest("x", 0).Validate());
        Assert.Contains("is after", new ThemeRequest("x", 10, new DateOnly(2026, 1, 1), new DateOnly(2025, 1, 1)).Validate());
    }
}
