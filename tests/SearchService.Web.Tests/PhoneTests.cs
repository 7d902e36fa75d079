using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

/// <summary>The pages on a 375 px wide phone screen: nothing wider than the screen, filters folded away.</summary>
[Collection(WebSiteCollection.Name)]
public sealed class PhoneTests(WebSite site)
{
    private const string WidestElement = """
        () => {
          const width = document.documentElement.clientWidth;
          const wider = [...document.querySelectorAll('body *')]
            .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
          return { scrollWidth: document.documentElement.scrollWidth, width, wider };
        }
        """;

    [Fact]
    public async Task The_search_page_fits_a_phone_screen_with_filters_folded()
    {
        var page = await site.NewPageAsync(375, 740);
        await page.GotoAsync(site.Origin + "/");
        await page.Locator("#q").PressSequentiallyAsync("federal programs");
        await Expect(page.Locator("#hits .hit mark").First).ToBeVisibleAsync();
        await Expect(page.Locator("#q-suggestions [role=option]").First).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "search-phone-suggestions", fullPage: false);

        await page.Locator("#q").PressAsync("Escape");
        await Expect(page.Locator("#q-suggestions")).ToBeHiddenAsync();
        await Expect(page.Locator("#filters-panel")).Not.ToHaveAttributeAsync("open", "");
        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "search-phone");

        await page.Locator("#filters-panel > summary").ClickAsync();
        await Expect(page.Locator("#sort")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
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

        await AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "brief-phone", fullPage: false);
        await page.Locator("#related").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "brief-phone-related", fullPage: false);
        await page.Context.CloseAsync();
    }

    private static async Task AssertFitsAsync(Microsoft.Playwright.IPage page)
    {
        var layout = await page.EvaluateAsync<Layout>(WidestElement);
        Assert.True(layout.ScrollWidth <= layout.Width, $"The page is {layout.ScrollWidth} px wide on a {layout.Width} px screen; too wide: {string.Join(", ", layout.Wider)}");
        Assert.Empty(layout.Wider);
    }

    private sealed class Layout
    {
        public int ScrollWidth { get; set; }
        public int Width { get; set; }
        public string[] Wider { get; set; } = [];
    }
}
