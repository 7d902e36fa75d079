using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

/// <summary>The widgets on a plain static page of another site, on another port: its requests cross origins.</summary>
[Collection(WebSiteCollection.Name)]
public sealed class WidgetTests(WebSite site)
{
    [Fact]
    public async Task The_related_widget_renders_on_an_allowed_site_with_links_to_the_service()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.AllowedSite.Origin + "/");

        var widget = page.Locator($"[data-searchservice-related='{EmbeddingSite.RelatedBriefId}']");
        await Expect(widget).ToHaveAttributeAsync("data-searchservice-state", "ready");
        await Expect(widget.Locator("h2")).ToHaveTextAsync("Related briefs");
        var links = widget.Locator(".ssw-related-link");
        Assert.InRange(await links.CountAsync(), 1, 5);
        Assert.All(await links.EvaluateAllAsync<string[]>("links => links.map(a => a.href)"),
            href => Assert.StartsWith(site.Origin + "/brief.html?id=", href));
        Assert.DoesNotContain(EmbeddingSite.RelatedBriefId, await widget.Locator(".ssw-related-item").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)"));
        await Screenshots.SaveAsync(page, "widgets-desktop");

        var phone = await site.NewPageAsync(375, 740);
        await phone.GotoAsync(site.AllowedSite.Origin + "/");
        await Expect(phone.Locator("[data-searchservice-related]")).ToHaveAttributeAsync("data-searchservice-state", "ready");
        await Screenshots.SaveAsync(phone, "widgets-phone");
        await phone.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_site_that_is_not_allowed_gets_no_related_briefs()
    {
        var page = await site.NewPageAsync();
        var warnings = new List<string>();
        page.Console += (_, message) => { if (message.Type == "warning") warnings.Add(message.Text); };
        await page.GotoAsync(site.OtherSite.Origin + "/");

        var widget = page.Locator("[data-searchservice-related]");
        await Expect(widget).ToHaveAttributeAsync("data-searchservice-state", "error");
        await Expect(widget.Locator(".ssw-related-item")).ToHaveCountAsync(0);
        Assert.Contains(warnings, w => w.Contains("SearchService:Cors:AllowedOrigins") && w.Contains(site.OtherSite.Origin));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_search_widget_submits_to_the_search_page_of_the_service()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.AllowedSite.Origin + "/");

        var box = page.Locator("[data-searchservice-search] input[role=combobox]");
        await box.FillAsync("refugee");
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(site.Origin) + @"/\?q=refugee$"));
        await Expect(page.Locator("#hits .hit-title a").First).ToHaveTextAsync("Ukraine Funding: HHS Allocation and Oversight of Refugee Assistance");
        await page.Context.CloseAsync();
    }
}
