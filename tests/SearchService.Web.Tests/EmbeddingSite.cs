using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace SearchService.Web.Tests;

/// <summary>
/// Somebody else's website on its own port (so its own origin): one plain static HTML page that embeds
/// the search and related widgets with a script tag each, as a site owner would paste them.
/// </summary>
public sealed class EmbeddingSite : IAsyncDisposable
{
    public const string RelatedBriefId = "gao-26-107551";

    private readonly WebApplication _app;

    private EmbeddingSite(WebApplication app) => _app = app;

    /// <summary>Scheme, host and port of this site, e.g. http://127.0.0.1:41234.</summary>
    public string Origin { get; private set; } = "";

    /// <summary>Origin of the search service whose widgets the page embeds; known only once the service has started.</summary>
    public string ApiOrigin { get; set; } = "";

    public static async Task<EmbeddingSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            ContentRootPath = Path.GetTempPath(),
        });
        var app = builder.Build();
        var site = new EmbeddingSite(app);
        app.MapGet("/", () => Results.Content(site.Page(), "text/html; charset=utf-8"));
        await app.StartAsync();
        site.Origin = app.Urls.Single();
        return site;
    }

    private string Page() => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Partner site</title>
          <style>
            body { font-family: Georgia, serif; max-width: 44rem; margin: 0 auto; padding: 1rem; color: #222; }
            header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; border-bottom: 2px solid #222; padding-bottom: 1rem; }
            header h1 { font-size: 1.4rem; margin: 0; flex: 1 1 12rem; }
            header > div { flex: 1 1 18rem; }
            aside { margin-top: 2rem; padding: 1rem; background: #f4f1ea; }
          </style>
        </head>
        <body>
          <header>
            <h1>The Policy Review</h1>
            <div data-searchservice-search></div>
          </header>
          <article>
            <h2>Federal programs need a complete inventory</h2>
            <p>Our write-up of the GAO report on the federal program inventory. Below, the related briefs
            come from the search service through its embeddable widget.</p>
          </article>
          <aside>
            <div data-searchservice-related="{{RelatedBriefId}}"></div>
          </aside>
          <script src="{{ApiOrigin}}/widgets/search.js" async></script>
          <script src="{{ApiOrigin}}/widgets/related.js" async></script>
        </body>
        </html>
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
