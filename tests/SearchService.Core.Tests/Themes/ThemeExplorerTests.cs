using SearchService.Core.Tests.Semantic;
using SearchService.Core.Themes;

namespace SearchService.Core.Tests.Themes;

[Collection(SemanticSampleIndexCollection.Name)]
public sealed class ThemeExplorerTests(SemanticSampleIndex sample)
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
    public async Task No_thread_waits_while_the_themes_are_encoded_and_the_answer_is_the_blocking_one()
    {
        var encoder = new GatedEncoder(sample.Encoder);
        var explorer = new ThemeExplorer(sample.Index, encoder);
        var pasted = string.Join(' ', Enumerable.Repeat("Governments should secure domestic compute capacity before regulating frontier models, " +
                                                        "because whoever controls the chips and the data centres decides which rules can be enforced.", 12));
        var request = new ThemeRequest("national control over artificial intelligence capabilities") { Compared = [pasted] };

        var exploring = explorer.ExploreAsync(request);

        // The call came back while the encoder still holds the theme and the pasted text's pieces: nothing blocked on them.
        Assert.False(exploring.IsCompleted);
        Assert.True(encoder.Started >= 3, $"{encoder.Started} encodings queued"); // the theme, and two passage-sized pieces
        encoder.Open();
        var awaited = await exploring;
        Assert.Equal(0, encoder.BlockingCalls);

        var blocking = explorer.Explore(request);
        Assert.NotEmpty(awaited.Briefs);
        Assert.Contains(awaited.Briefs.SelectMany(b => b.Passages), p => p.MatchedMeaning);
        Assert.Equal(Summary(blocking), Summary(awaited));
        Assert.Equal(blocking.Themes.Select(t => (t.Passages, t.Briefs)), awaited.Themes.Select(t => (t.Passages, t.Briefs)));

        static IEnumerable<(string, string, float)> Summary(ThemeResults results) =>
            results.Briefs.SelectMany(b => b.Passages.Select(p => (b.Id, p.Id, p.Score)));
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
        // Columns are only ever added after the first eight.
        Assert.StartsWith("brief_id,brief_title,date,kind,section,score,matched_by,text,", lines[0]);
        Assert.StartsWith("\"navigating-ai-sovereignty\",\"Navigating AI Sovereignty: Strategic Choices for the UK\",2025-11-18,", lines[1]);
    }

    [Fact]
    public void Bad_requests_say_what_is_wrong()
    {
        Assert.Contains("q is required", new ThemeRequest(" ").Validate());
        Assert.Contains("size must be between", new ThemeRequest("x", 0).Validate());
        Assert.Contains("is after", new ThemeRequest("x", 10, new DateOnly(2026, 1, 1), new DateOnly(2025, 1, 1)).Validate());
    }

    [Fact]
    public void Compared_themes_meet_only_in_passages_that_match_every_theme()
    {
        var results = new ThemeExplorer(sample.Index, sample.Encoder).Explore(new ThemeRequest("AI sovereignty") { Compared = ["compute"] });

        Assert.Equal(["AI sovereignty", "compute"], results.Queries);
        Assert.Equal(["AI sovereignty", "compute"], results.Themes.Select(t => t.Query));
        var meetingPassages = results.Meetings.SelectMany(b => b.Passages).ToList();
        Assert.NotEmpty(meetingPassages);
        Assert.All(meetingPassages, p => Assert.Equal([0, 1], p.Themes));
        // Every listed passage says which themes it matches, and each theme's own count is of the passages listed for it.
        var listed = results.Briefs.SelectMany(b => b.Passages).ToList();
        Assert.All(listed, p => Assert.NotEmpty(p.Themes));
        Assert.Equal(results.Passages, listed.Select(p => p.Id).Distinct().Count());
        Assert.True(results.Themes.Sum(t => t.Passages) >= results.Passages);
        Assert.All(results.Themes, t => Assert.Equal(t.Passages, t.Publishers.Sum(p => p.Passages)));
    }

    [Fact]
    public void A_publisher_filter_selects_briefs_for_counts_and_list_alike()
    {
        var explorer = new ThemeExplorer(sample.Index, sample.Encoder);
        var all = explorer.Explore(new ThemeRequest("technology", 500));
        var publisher = all.Publishers.First(p => p.Publisher is not null).Publisher!;
        Assert.Contains(all.Briefs, b => b.Publisher != publisher);

        var filtered = explorer.Explore(new ThemeRequest("technology", 500) { Filter = new SearchService.Core.Search.BriefFilter { Publishers = [publisher] } });

        Assert.NotEmpty(filtered.Briefs);
        Assert.All(filtered.Briefs, b => Assert.Equal(publisher, b.Publisher));
        Assert.Equal(publisher, Assert.Single(filtered.Publishers).Publisher);
        Assert.Equal(filtered.Passages, filtered.Years.Sum(y => y.Passages) + filtered.Briefs.Where(b => b.Date is null).Sum(b => b.Passages.Count));
        // The same briefs as unfiltered, less the other publishers' (every match fits in 500).
        Assert.Equal(all.Briefs.Where(b => b.Publisher == publisher).Select(b => b.Id).Order(), filtered.Briefs.Select(b => b.Id).Order());
    }

    [Fact]
    public void Key_phrases_leave_out_the_themes_own_words()
    {
        var results = new ThemeExplorer(sample.Index, sample.Encoder).Explore(new ThemeRequest("AI sovereignty"));

        Assert.NotEmpty(results.KeyPhrases);
        Assert.DoesNotContain(results.KeyPhrases, p => p.Phrase.Equals("AI sovereignty", StringComparison.OrdinalIgnoreCase));
        Assert.All(results.KeyPhrases, p => Assert.True(p.Count >= 2));
    }
}
