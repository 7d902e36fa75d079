using Microsoft.Playwright;

namespace SearchService.Web.Tests;

/// <summary>Checks that nothing on a page is wider than its screen (a phone must not scroll sideways).</summary>
public static class PageFit
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

    public static async Task AssertFitsAsync(IPage page)
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
