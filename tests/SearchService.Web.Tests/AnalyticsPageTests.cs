using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

[Collection(WebSiteCollection.Name)]
public sealed class AnalyticsPageTests(WebSite site)
{
    [Fact]
    public async Task The_analytics_page_lists_a_zero_result_query_just_searched_and_adds_a_synonym_for_it_in_one_click()
    {
        var reader = await site.NewPageAsync();
        await reader.GotoAsync(site.Origin + "/");
        // Typed slowly enough that the page asks after several keystrokes: those interim searches must not be recorded.
        await reader.Locator("#q").PressSequentiallyAsync("zygomorphic orchids", new() { Delay = 160 });
        await Expect(reader.Locator("#status")).ToContainTextAsync("No briefs match “zygomorphic orchids”");
        await reader.WaitForURLAsync(new Regex(@"q=zygomorphic(\+|%20)orchids$"));
        await Expect(reader.Locator("#results")).ToHaveAttributeAsync("data-mode", "hybrid"); // the settled (recorded) search answered

        // A search whose first result is opened in a new tab (so this page stays to see its beacon answered).
        await reader.GotoAsync(site.Origin + "/?q=quantum");
        await Expect(reader.Locator("#results")).ToHaveAttributeAsync("data-mode", "hybrid");
        await reader.RunAndWaitForRequestFinishedAsync(
            () => reader.Locator("#hits .hit-title a").First.ClickAsync(new() { Modifiers = [KeyboardModifier.ControlOrMeta] }),
            new() { Predicate = request => request.Url.EndsWith("/api/analytics/clicks", StringComparison.Ordinal) });
        await reader.Context.CloseAsync();

        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/admin/analytics");
        await page.Locator("#api-key").FillAsync(WebSite.ApiKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        var noResults = page.Locator("#no-results-rows tr");
        var row = noResults.Filter(new() { HasText = "zygomorphic orchids" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(noResults.Filter(new() { HasTextRegex = new Regex("^zygo") })).ToHaveCountAsync(1); // none of the keystrokes' prefixes
        // Exactly the query "quantum": other tests on the same site may have searched "quantum computing".
        var quantum = page.Locator("#top-rows tr").Filter(new() { Has = page.Locator("td", new() { HasTextRegex = new Regex("^\\s*quantum\\s*$") }) });
        await Expect(quantum.Locator("td").Nth(3)).Not.ToHaveTextAsync("0.0 %");
        await Expect(page.Locator("#per-day-chart svg title").First).ToContainTextAsync("Searches per day");
        await Expect(page.Locator("#per-day-rows tr")).ToHaveCountAsync(30);
        await Screenshots.SaveAsync(page, "analytics-desktop");

        await row.GetByRole(AriaRole.Button, new() { Name = "Add a synonym for “zygomorphic orchids”" }).ClickAsync();
        await Expect(page.Locator("#synonym-from")).ToHaveValueAsync("zygomorphic orchids");
        await Expect(page.Locator("#synonym-to")).ToBeFocusedAsync();
        await page.Locator("#synonym-to").FillAsync("quantum computing");
        await page.Locator("#synonym-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#synonym-status")).ToHaveTextAsync(new Regex(@"^Saved\. “zygomorphic orchids” now finds [1-9]\d* briefs?\.$"));
        await Expect(page.Locator("#synonym-list")).ToContainTextAsync("zygomorphic orchids → quantum computing");
        await page.Context.CloseAsync();

        var phone = await site.NewPageAsync(width: 375, height: 812);
        await phone.GotoAsync(site.Origin + "/admin/analytics");
        await phone.Locator("#api-key").FillAsync(WebSite.ApiKey);
        await phone.Locator("#key-form button[type=submit]").ClickAsync();
        await Expect(phone.Locator("#no-results-rows tr", new() { HasText = "zygomorphic orchids" })).ToHaveCountAsync(1);
        var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The analytics page is wider than a 375 px phone.");
        await Screenshots.SaveAsync(phone, "analytics-phone");
        await phone.Context.CloseAsync();
    }
}
