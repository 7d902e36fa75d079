using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace SearchService.Api.Hosting;

/// <summary>
/// The browser side of the service: the search page, brief page and themes page, the drop-in widgets under
/// <c>/widgets/</c>, and the CORS policy that lets the configured sites call the read-only API.
/// </summary>
public static class SearchSite
{
    /// <summary>The page's own scripts, styles and requests come from this origin only, so injected markup could not run.</summary>
    internal const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";

    /// <summary>Binds and validates <see cref="CrossOriginOptions"/> and turns them into the default CORS policy.</summary>
    public static IServiceCollection AddSearchSite(this IServiceCollection services)
    {
        services.AddOptions<CrossOriginOptions>()
            .BindConfiguration(CrossOriginOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, origins) =>
            cors.AddDefaultPolicy(policy =>
            {
                // Only GETs: every endpoint a widget needs is read-only, and nothing else should be callable from other sites.
                policy.WithMethods(HttpMethods.Get);
                if (origins.Value.AllowsAnyOrigin) policy.AllowAnyOrigin();
                else policy.WithOrigins(origins.Value.AllowedOrigins);
            }));
        return services;
    }

    /// <summary>Applies the CORS policy and serves the pages and widgets (<c>/</c> is index.html).</summary>
    public static WebApplication UseSearchSite(this WebApplication app)
    {
        app.UseCors();
        // Pages with a plain address: /admin/analytics is the file admin/analytics.html.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Equals("/admin/analytics", StringComparison.OrdinalIgnoreCase)) context.Request.Path = "/admin/analytics.html";
            return next(context);
        });
        var files = FindWebRoot(app.Environment);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) headers.ContentSecurityPolicy = PagePolicy;
                // Widgets are embedded by other sites: let them revalidate often so a fix reaches every site quickly.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    /// <summary>
    /// The project's wwwroot when the service runs from its project folder (edits show on reload), else
    /// the copy the build puts next to the assembly (tests, <c>searchservice serve</c>, <c>dotnet run</c> from elsewhere).
    /// </summary>
    internal static IFileProvider FindWebRoot(IWebHostEnvironment environment)
    {
        if (environment.WebRootFileProvider.GetFileInfo("index.html").Exists) return environment.WebRootFileProvider;
        var copy = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (File.Exists(Path.Combine(copy, "index.html"))) return new PhysicalFileProvider(copy);
        throw new InvalidOperationException(
            $"The search page's files are missing: neither {environment.WebRootPath ?? "the content root's wwwroot"} nor {copy} holds index.html. Rebuild the SearchService.Api project.");
    }
}
