using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

[Collection(WebSiteCollection.Name)]
public sealed partial class SearchPageTests(WebSite site)
{
    [Fact]
    public async Task Typing_a_query_shows_highlighted_results_and_facets_and_puts_the_query_in_the_url()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/");

        await page.Locator("#q").PressSequentiallyAsync("quantum computing");

        var first = page.Locator("#hits .hit").First;
        await Expect(first.Locator(".hit-title a")).ToHaveTextAsync("Quantum Computing: Updating the National Strategy Could Promote U.S. Leadership");
        await Expect(first.Locator(".snippet mark").First).ToBeVisibleAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("brief");
        await Screenshots.SaveAsync(page, "search-desktop");
        await Expect(page.Locator("#facets fieldset[data-facet=type] .facet-count").First).ToHaveTextAsync(NumberPattern());
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?q=quantum(\+|%20)computing$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_search_link_reloads_to_the_same_results_and_back_returns_to_the_previous_search()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/?q=sovereignty");
        await Expect(page.Locator("#q")).ToHaveValueAsync("sovereignty");
        await Expect(page.Locator("#hits .hit-title a").First).ToHaveTextAsync("Navigating AI Sovereignty: Strategic Choices for the UK");

        await page.Locator("#q").FillAsync("refugee");
        await page.Locator("#q").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=refugee$"));
        await Expect(page.Locator("#hits .hit-title a").First).ToHaveTextAsync("Ukraine Funding: HHS Allocation and Oversight of Refugee Assistance");

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=sovereignty$"));
        await Expect(page.Locator("#q")).ToHaveValueAsync("sovereignty");
        await Expect(page.Locator("#hits .hit-title a").First).ToHaveTextAsync("Navigating AI Sovereignty: Strategic Choices for the UK");

        await page.ReloadAsync();
        await Expect(page.Locator("#hits .hit-title a").First).ToHaveTextAsync("Navigating AI Sovereignty: Strategic Choices for the UK");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_of_results_follow_the_url_and_the_pager()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/?size=2");
        await Expect(page.Locator("#hits .hit")).ToHaveCountAsync(2);
        var firstPage = await page.Locator("#hits .hit").EvaluateAllAsync<string[]>("hits => hits.map(h => h.dataset.key)");

        await page.Locator("#pager a", new() { HasText = "Next" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]page=2"));
        await Expect(page.Locator("#pager [aria-current=page]")).ToHaveTextAsync("2");
        await Expect(page.Locator("#hits .hit")).ToHaveCountAsync(2);
        var secondPage = await page.Locator("#hits .hit").EvaluateAllAsync<string[]>("hits => hits.map(h => h.dataset.key)");
        Assert.Empty(firstPage.Intersect(secondPage));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_late_answer_to_an_older_keystroke_never_replaces_the_newer_results()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/");
        await Expect(page.Locator("#hits .hit").First).ToBeVisibleAsync();

        // Hold the answer to "refugee" back until the answer to "sovereignty" has been shown.
        var refugeeAsked = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await page.RouteAsync(url => url.Contains("/api/search?") && url.Contains("q=refugee"), async route =>
        {
            refugeeAsked.TrySetResult();
            var response = await route.FetchAsync();
            await release.Task;
            try { await route.FulfillAsync(new() { Response = response }); }
            catch (PlaywrightException) { /* the page gave up on this request: that is the point */ }
        });

        await page.Locator("#q").PressSequentiallyAsync("refugee");
        await refugeeAsked.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await page.Locator("#q").FillAsync("");
        await page.Locator("#q").PressSequentiallyAsync("sovereignty");
        await Expect(page.Locator("#hits .hit-title a").First).ToHaveTextAsync("Navigating AI Sovereignty: Strategic Choices for the UK");

        release.SetResult();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
        await Expect(page.Locator("#hits .hit-title a").First).ToHaveTextAsync("Navigating AI Sovereignty: Strategic Choices for the UK");
        await Expect(page.Locator("#hits")).Not.ToContainTextAsync("Refugee");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=sovereignty$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Results_under_the_pointer_keep_their_elements_when_the_answer_after_the_pause_arrives()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Origin + "/");
        await Expect(page.Locator("#hits .hit").First).ToBeVisibleAsync();

        var pauseAnswer = page.WaitForResponseAsync(response => response.Url.Contains("mode=hybrid") && response.Url.Contains("q=federal"));
        await page.Locator("#q").PressSequentiallyAsync("federal");
        var second = page.Locator("#hits .hit").Nth(1);
        await Expect(page.Locator("#hits .hit mark").First).ToHaveTextAsync(new Regex("^federal$", RegexOptions.IgnoreCase));
        await second.HoverAsync();
        await second.EvaluateAsync("hit => hit.probe = 'kept'");
        var before = await second.BoundingBoxAsync();

        await pauseAnswer;
        await page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
        Assert.Equal("kept", await second.EvaluateAsync<string?>("hit => hit.probe ?? null"));
        var after = await second.BoundingBoxAsync();
        Assert.Equal((before!.X, before.Y), (after!.X, after.Y));
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex NumberPattern();
}
