using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

/// <summary>A brief whose title, tag and author are markup is shown as text everywhere, and no script of it runs.</summary>
[Collection(WebSiteCollection.Name)]
public sealed class SafetyTests(WebSite site)
{
    [Fact]
    public async Task A_brief_titled_with_markup_shows_as_text_in_results_facets_brief_page_and_widget()
    {
        var page = await site.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        await page.GotoAsync(site.Origin + "/?q=" + MarkupBrief.Word);
        var hit = page.Locator($"#hits .hit[data-key='{MarkupBrief.Id}']");
        await Expect(hit.Locator(".hit-title a")).ToHaveTextAsync(MarkupBrief.Title);
        await Expect(hit.Locator(".tags li")).ToHaveTextAsync(MarkupBrief.Tag);
        await Expect(page.Locator("#facets label", new() { HasText = MarkupBrief.Tag })).ToBeVisibleAsync();
        await Expect(page.Locator("#facets label", new() { HasText = MarkupBrief.Author })).ToBeVisibleAsync();
        await Expect(page.Locator("#hits img, #hits b, #hits svg, #facets img, #facets b, #facets svg")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "markup-brief-results");

        await hit.Locator(".hit-title a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(MarkupBrief.Title);
        await Expect(page.Locator("#brief-tags a")).ToHaveTextAsync(MarkupBrief.Tag);
        await Expect(page.Locator("#brief-authors")).ToHaveTextAsync(" · " + MarkupBrief.Author);
        await Expect(page.Locator("#recommendations")).ToContainTextAsync("<script>alert(5)</script>");
        await Expect(page.Locator("#brief img, #brief svg, #brief script, #brief-tags b")).ToHaveCountAsync(0);
        await Expect(page.Locator("#related")).ToHaveAttributeAsync("data-searchservice-state", "ready");

        // The brief appears in other briefs' related lists too.
        await page.GotoAsync(site.Origin + "/brief.html?id=gao-26-107551");
        await Expect(page.Locator("#related")).ToHaveAttributeAsync("data-searchservice-state", "ready");
        await Expect(page.Locator($"#related .ssw-related-item[data-id='{MarkupBrief.Id}'] a")).ToHaveTextAsync(MarkupBrief.Title);
        await Expect(page.Locator("#related img")).ToHaveCountAsync(0);

        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }
}
