using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

/// <summary>The pages on a 375 px wide phone screen: nothing wider than the screen, filters folded away.</summary>
[Collection(WebSiteCollection.Name)]
public sealed class PhoneTests(WebSite site)
{
    [Fact]
    public async Task The_search_page_fits_a_phone_screen_with_filters_folded()
    {
        var page = await site.NewPageAsync(375, 740);
        await page.GotoAsync(site.Origin + "/");
        await page.Locator("#q").PressSequentiallyAsync("federal programs");
        await Expect(page.Locator("#hits .hit mark").First).ToBeVisibleAsync();
        await Expect(page.Locator("#q-suggestions [role=option]").First).ToBeVisibleAsync();
        await PageFit.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "search-phone-suggestions", fullPage: false);

        await page.Locator("#q").PressAsync("Escape");
        await Expect(page.Locator("#q-suggestions")).ToBeHiddenAsync();
        await Expect(page.Locator("#filters-panel")).Not.ToHaveAttributeAsync("open", "");
        await PageFit.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "search-phone");

        await page.Locator("#filters-panel > summary").ClickAsync();
        await Expect(page.Locator("#sort")).ToBeVisibleAsync();
        await PageFit.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "search-phone-filters");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_brief_page_fits_a_phone_screen()
    {
        var page = await site.NewPageAsync(375, 740);
        await page.GotoAsync(site.Origin + "/brief.html?id=gao-26-107551");
        await Expect(page.Locator("#related")).ToHaveAttributeAsync("data-searchservice-state", "ready");
        await Expect(page.Locator("#findings li").First).ToBeVisibleAsync();

        await PageFit.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "brief-phone", fullPage: false);
        await page.Locator("#related").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "brief-phone-related", fullPage: false);
        await page.Context.CloseAsync();
    }
}
