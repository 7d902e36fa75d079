using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchService.Web.Tests;

/// <summary>Waits for the search page to show the answer to its newest state (no request outstanding).</summary>
public static class ResultsSettling
{
    public static async Task ResultsSettledAsync(this IPage page) =>
        await Expect(page.Locator("#results")).Not.ToHaveAttributeAsync("aria-busy", "true");
}
