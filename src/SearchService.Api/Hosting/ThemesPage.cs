using System.Text.Encodings.Web;
using SearchService.Api.Endpoints;

namespace SearchService.Api.Hosting;

/// <summary>
/// <c>/themes?q=…</c>: the analyst's page (wwwroot/themes.html). It is served through an endpoint rather than as a
/// static file so that its <c>&lt;link rel="alternate"&gt;</c> names the theme's own Atom feed: feed readers
/// discover feeds from the HTML as sent, without running the page's script.
/// </summary>
public static class ThemesPage
{
    private const string FileName = "themes.html";
    private const string FeedLinkPlaceholder = "href=\"/api/themes/feed\"";

    public static IEndpointRouteBuilder MapThemesPage(this IEndpointRouteBuilder routes, IWebHostEnvironment environment)
    {
        var files = SearchSite.FindWebRoot(environment);
        routes.MapGet("/themes", async (HttpContext context) =>
        {
            // Read on each request, like the other pages, so an edited page shows on reload.
            var file = files.GetFileInfo(FileName);
            await using var stream = file.CreateReadStream();
            var html = await new StreamReader(stream).ReadToEndAsync(context.RequestAborted);
            var query = context.Request.Query;
            string[] All(string name) => query[name].OfType<string>().ToArray();
            var theme = new ThemeFilterParameters(All("q"), All("tags"), All("authors"), All("type"), All("publisher"), query["from"].FirstOrDefault(), query["to"].FirstOrDefault());
            var feed = "/api/themes/feed" + theme.CanonicalQuery();
            html = html.Replace(FeedLinkPlaceholder, $"href=\"{HtmlEncoder.Default.Encode(feed)}\"", StringComparison.Ordinal);

            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = SearchSite.PagePolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            return Results.Content(html, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return routes;
    }
}
