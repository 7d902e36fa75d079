using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

/// <summary>The themes page over the sample briefs: charts, comparison, filters, the feed link, and how it looks.</summary>
[Collection(SampleBriefsSiteCollection.Name)]
public sealed partial class ThemesPageTests(SampleBriefsSite site)
{
    private const string Gao = "U.S. Government Accountability Office";

    private async Task<JsonObject> ApiAsync(string query)
    {
        using var client = new HttpClient { BaseAddress = new Uri(site.Origin) };
        return (await client.GetFromJsonAsync<JsonObject>("/api/themes" + query))!;
    }

    /// <summary>Every year from the first to the last with a match for any theme: the chart's x axis.</summary>
    private static List<int> ChartedYears(JsonObject answer)
    {
        var years = answer["themes"]!.AsArray().SelectMany(t => t!["years"]!.AsArray()).Select(y => (int)y!["year"]!).ToList();
        return years.Count == 0 ? [] : Enumerable.Range(years.Min(), years.Max() - years.Min() + 1).ToList();
    }

    private static async Task<IPage> SettledAsync(IPage page)
    {
        await Expect(page.Locator("#theme-results")).Not.ToHaveAttributeAsync("aria-busy", "true");
        return page;
    }

    [Fact]
    public async Task The_chart_has_a_bar_group_per_year_and_a_series_per_theme_with_a_table_for_screen_readers()
    {
        var expected = await ApiAsync("?q=AI+sovereignty&q=compute&size=50");
        var years = ChartedYears(expected);
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/themes?q=AI%20sovereignty&q=compute");
        await SettledAsync(page);

        var chart = page.Locator("#chart-passages svg.theme-chart");
        await Expect(chart).ToHaveAttributeAsync("data-years", years.Count.ToString());
        await Expect(chart.Locator("g.series")).ToHaveCountAsync(2);
        await Expect(chart.Locator(".x-tick")).ToHaveTextAsync(years.Select(y => y.ToString()).ToArray());
        await Expect(chart.Locator("g.series").First).ToHaveAttributeAsync("data-series", "AI sovereignty");
        // The bars carry the API's numbers: the first theme's passages in each year.
        var firstTheme = expected["themes"]![0]!["years"]!.AsArray();
        var bars = await chart.Locator("g.series").First.Locator("rect.bar").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.dataset.value))");
        Assert.Equal(years.Select(y => firstTheme.Where(c => (int)c!["year"]! == y).Sum(c => (int)c!["passages"]!)), bars);

        // Accessible: named and described, axis labels, and the same numbers as a table.
        var labelledBy = (await chart.GetAttributeAsync("aria-labelledby"))!.Split(' ');
        Assert.Equal("Matching findings and recommendations per year", await page.Locator($"#{labelledBy[0]}").TextContentAsync());
        Assert.Equal("img", await chart.GetAttributeAsync("role"));
        await Expect(chart.Locator(".axis-label")).ToHaveTextAsync(["Passages", "Year"]);
        var table = page.Locator("#chart-passages table.chart-data");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(years.Count);
        await Expect(table.Locator("thead th")).ToHaveTextAsync(["Year", "AI sovereignty", "compute"]);
        await Expect(page.Locator("#chart-briefs svg.theme-chart")).ToHaveAttributeAsync("data-years", years.Count.ToString());
        await Expect(page.Locator("#chart-publishers svg.theme-chart")).ToHaveCountAsync(expected["publishers"]!.AsArray().Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Comparing_a_second_theme_draws_both_series_and_lists_where_they_meet()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/themes?q=AI%20sovereignty");
        await SettledAsync(page);
        await Expect(page.Locator("#chart-passages g.series")).ToHaveCountAsync(1);
        await Expect(page.Locator("#meetings-section")).ToBeHiddenAsync();

        await page.Locator("#compare-q").FillAsync("compute");
        await page.Locator("#compare-q").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex(@"/themes\?q=AI(\+|%20)sovereignty&q=compute$"));
        await SettledAsync(page);
        await Expect(page.Locator("#chart-passages g.series")).ToHaveCountAsync(2);
        await Expect(page.Locator("#chart-passages .chart-legend li")).ToHaveTextAsync(["AI sovereignty", "compute"]);
        await Expect(page.Locator("#theme-chips .theme-chip")).ToHaveCountAsync(2);
        await Expect(page.Locator("#meetings-section")).ToBeVisibleAsync();
        var meeting = page.Locator("#meetings .theme-brief").First;
        await Expect(meeting.Locator(".hit-title a")).ToHaveTextAsync("Navigating AI Sovereignty: Strategic Choices for the UK");
        await Expect(meeting.Locator(".passage-text").First).ToContainTextAsync("compute");
        // The meeting passage has "AI" and "compute" but not "sovereignty": the page says that theme matched by meaning.
        await Expect(meeting.Locator(".passage-head .theme-dot")).ToHaveTextAsync(["AI sovereignty (by meaning)", "compute"]);
        await Expect(page.Locator("#feed-link")).ToHaveAttributeAsync("href", "/api/themes/feed?q=AI+sovereignty&q=compute");
        await Expect(page.Locator("#csv-link")).ToHaveAttributeAsync("href", new Regex(@"^/api/themes\?q=AI\+sovereignty&q=compute&size=50&format=csv$"));

        await page.GoBackAsync();
        await SettledAsync(page);
        await Expect(page.Locator("#chart-passages g.series")).ToHaveCountAsync(1);
        await Expect(page.Locator("#meetings-section")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_pasted_passage_as_the_theme_lists_the_findings_of_the_report_it_came_from()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/themes");
        // ~1,700 words of a GAO report's findings: more than the 8 KiB a request line once held (a bare 414).
        var report = await File.ReadAllTextAsync(Path.Combine(SampleBriefsSite.SampleBriefsFolder, "gao-26-108116.md"));
        var passage = WhiteSpace().Replace(report[10_000..22_000], " ").Trim();

        await page.Locator("#q").FillAsync(passage);
        await page.Locator("#q").PressAsync("Enter");

        await SettledAsync(page);
        await Expect(page.Locator("#briefs .theme-brief").First).ToHaveAttributeAsync("data-key", "gao-26-108116");
        Assert.True(page.Url.Length > 10_000, $"the URL is {page.Url.Length} characters");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_publisher_filter_changes_the_chart_and_the_list_together()
    {
        var unfiltered = await ApiAsync("?q=AI+sovereignty&q=compute&size=50");
        var filtered = await ApiAsync($"?q=AI+sovereignty&q=compute&size=50&publisher={Uri.EscapeDataString(Gao)}");
        Assert.NotEqual(ChartedYears(unfiltered), ChartedYears(filtered));
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/themes?q=AI%20sovereignty&q=compute");
        await SettledAsync(page);
        await Expect(page.Locator("#chart-passages svg.theme-chart")).ToHaveAttributeAsync("data-years", ChartedYears(unfiltered).Count.ToString());
        await Expect(page.Locator("#briefs .theme-brief")).ToHaveCountAsync(unfiltered["briefs"]!.AsArray().Count);

        await page.Locator($"#publisher-values input[value='{Gao}']").CheckAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]publisher=U\.S\.(\+|%20)Government"));
        await SettledAsync(page);
        var chart = page.Locator("#chart-passages svg.theme-chart");
        await Expect(chart).ToHaveAttributeAsync("data-years", ChartedYears(filtered).Count.ToString());
        await Expect(chart.Locator(".x-tick")).ToHaveTextAsync(ChartedYears(filtered).Select(y => y.ToString()).ToArray());
        var listed = await page.Locator("#briefs .theme-brief").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.key)");
        Assert.Equal(filtered["briefs"]!.AsArray().Select(b => (string)b!["id"]!), listed);
        await Expect(page.Locator("#briefs .theme-brief .hit-meta")).ToContainTextAsync([Gao]);
        await Expect(page.Locator("#chart-publishers svg.theme-chart")).ToHaveCountAsync(1);
        await Expect(page.Locator("#filter-count")).ToHaveTextAsync("(1)");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("themes-ai-sovereignty", "/themes?q=AI%20sovereignty")]
    [InlineData("themes-ai-sovereignty-vs-compute", "/themes?q=AI%20sovereignty&q=compute")]
    public async Task The_page_fits_a_desktop_and_a_phone_and_links_its_feed(string name, string url)
    {
        foreach (var (width, height, suffix) in new[] { (1280, 900, "desktop"), (375, 740, "phone") })
        {
            var page = await site.NewPageAsync(width, height);
            await page.GotoAsync(site.Origin + url);
            await SettledAsync(page);
            await Expect(page.Locator("#chart-passages svg.theme-chart")).ToBeVisibleAsync();
            await Expect(page.Locator("#feed-link")).ToBeVisibleAsync();
            Assert.StartsWith("/api/themes/feed?q=AI", await page.Locator("head link[rel=alternate][type='application/atom+xml']").GetAttributeAsync("href"));
            await PageFit.AssertFitsAsync(page);
            await Screenshots.SaveAsync(page, $"{name}-{suffix}");
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
