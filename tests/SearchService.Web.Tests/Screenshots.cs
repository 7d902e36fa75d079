using Microsoft.Playwright;
using SearchService.Core;

namespace SearchService.Web.Tests;

/// <summary>Saves full-page screenshots under tests/SearchService.Web.Tests/screenshots/ (git-ignored) for people to look at.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(
        RepositoryPaths.FindRoot(AppContext.BaseDirectory) ?? AppContext.BaseDirectory,
        "tests", "SearchService.Web.Tests", "screenshots");

    /// <summary>The whole page, or with <paramref name="fullPage"/> false only what the screen shows (long pages shrink to illegible).</summary>
    public static async Task SaveAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), FullPage = fullPage });
    }
}
