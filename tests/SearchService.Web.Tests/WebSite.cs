using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SearchService.Api.Hosting;

namespace SearchService.Web.Tests;

/// <summary>
/// The real service on a loopback port (Playwright needs a real HTTP server), its index built at start-up
/// from the fixture briefs plus one brief whose metadata is markup; two other sites that embed the
/// widgets, one allowed by CORS and one not; and headless Chromium from the system.
/// </summary>
public class WebSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The key the admin pages (search analytics) are opened with.</summary>
    public const string ApiKey = "web-test-api-key-0123456789abcdef";

    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-web-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string Origin { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public EmbeddingSite AllowedSite { get; private set; } = null!;
    public EmbeddingSite OtherSite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}, and it is not there. Install it with " +
                "`apt-get install -y chromium` (.ci/run does this). Never run Playwright's own browser download.");
        }

        var briefs = Path.Combine(_folder, "briefs");
        Directory.CreateDirectory(briefs);
        CopyBriefs(briefs);

        AllowedSite = await EmbeddingSite.StartAsync();
        OtherSite = await EmbeddingSite.StartAsync();
        _app = SearchServiceApp.Create(
        [
            "--urls=http://127.0.0.1:0",
            $"--SearchService:IndexPath={Path.Combine(_folder, "index")}",
            $"--SearchService:BriefsPath={briefs}",
            $"--SearchService:Cors:AllowedOrigins:0={AllowedSite.Origin}",
            // Shared with the API tests: the fixture passages are encoded once per machine.
            $"--SearchService:Semantic:CachePath={Path.Combine(Path.GetTempPath(), "searchservice-test-embedding-cache")}",
            "--Logging:LogLevel:Default=Warning",
            // Every browser request comes from 127.0.0.1: a whole class of tests must not meet the per-client rate limit.
            "--SearchService:Limits:RequestsPerWindow=0",
            $"--SearchService:ApiKeys:0={ApiKey}",
        ]);
        await _app.StartAsync();
        // The index opens after the host starts: the pages' first requests would wait for it; the browser timeouts should not.
        await _app.Services.GetRequiredService<IndexOpening>().Opened;
        Origin = _app.Urls.Single();
        AllowedSite.ApiOrigin = Origin;
        OtherSite.ApiOrigin = Origin;

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>Puts the briefs the service indexes at start-up into <paramref name="folder"/>.</summary>
    protected virtual void CopyBriefs(string folder)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "briefs"), "*.md"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(folder, $"{MarkupBrief.Id}.md"), MarkupBrief.Markdown);
    }

    /// <summary>A fresh page (own cookies and storage) of the given size; a phone is 375 px wide.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = width < 600,
            IsMobile = width < 600,
            DeviceScaleFactor = 1,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (AllowedSite is not null) await AllowedSite.DisposeAsync();
        if (OtherSite is not null) await OtherSite.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}

[CollectionDefinition(Name)]
public sealed class WebSiteCollection : ICollectionFixture<WebSite>
{
    public const string Name = "web site";
}
