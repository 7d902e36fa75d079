using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

[Collection(WebSiteCollection.Name)]
public sealed class BriefPageTests(WebSite site)
{
    [Fact]
    public async Task Opening_a_brief_from_the_results_shows_its_findings_recommendations_and_related_briefs()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/?q=sovereignty");
        await page.Locator("#hits .hit-title a", new() { HasText = "Navigating AI Sovereignty" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/brief\.html\?id=navigating-ai-sovereignty$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Navigating AI Sovereignty: Strategic Choices for the UK");
        await Expect(page.Locator("#findings li")).ToHaveCountAsync(4);
        await Expect(page.Locator("#recommendations li")).ToHaveCountAsync(10);
        await Expect(page.Locator("#recommendations li .statement-title").First).ToHaveTextAsync("Make government an anchor customer for UK AI");
        await Expect(page.Locator("#brief-authors")).ToContainTextAsync("Jessica Montgomery");
        var related = page.Locator("#related .ssw-related-item");
        await Expect(related.First).ToBeVisibleAsync();
        await Expect(page.Locator("#related")).ToHaveAttributeAsync("data-searchservice-state", "ready");
        await Expect(related.First.Locator(".ssw-related-reasons")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("shared (phrases|terms)"));
        await Expect(related.First.Locator(".ssw-related-quote")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "brief-desktop");

        var next = related.First.Locator("a");
        var nextTitle = await next.TextContentAsync();
        await next.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/brief\.html\?id=(?!navigating-ai-sovereignty)"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(nextTitle!);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_brief_says_so()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/brief.html?id=no-such-brief");

        await Expect(page.Locator("#brief-status")).ToContainTextAsync("No brief has the id 'no-such-brief'");
        await Expect(page.Locator("#brief-article")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }
}
