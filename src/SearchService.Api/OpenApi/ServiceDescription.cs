using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchService.Api.OpenApi;

/// <summary>What the document says about the service as a whole: title, description, licence, server and tags.</summary>
internal static class ServiceDescription
{
    /// <summary>The repository has no licence file: the API is published with all rights reserved until it has one.</summary>
    public const string LicenseName = "All rights reserved";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Health"] = "Whether the service is up, what it holds and what it is still catching up on.",
        ["Search"] = "Keyword, semantic and hybrid search over briefs, briefs like a text, and completions while typing.",
        ["Briefs"] = "Briefs as extracted (metadata, sections, findings, recommendations), related briefs, and uploads, replacements and deletions (API key).",
        ["Themes"] = "A theme across publications: its findings and recommendations grouped by brief, year and publisher, as JSON, CSV or an Atom feed.",
        ["Admin"] = "Rebuilding the index into a new generation while the old one keeps serving (API key).",
        ["Analytics"] = "Click beacons from the pages, and the search analytics report for site owners (API key).",
        ["Synonyms"] = "The site's vocabulary, applied to keyword search at query time (API key).",
    };

    public static Task Describe(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SearchService API";
        document.Info.Description =
            "Search, read and relate policy briefs (reports, findings, recommendations), explore themes across them, and keep the index " +
            "up to date. Reading needs no credentials; writes and admin calls need an API key in the X-Api-Key header. Errors are RFC 9457 " +
            "problem details (application/problem+json) whose detail says what to change. Every request counts against a per-client rate " +
            "limit (429 with Retry-After when it is configured and exceeded).";
        document.Info.License = new OpenApiLicense { Name = LicenseName };

        // Relative to the address the document was fetched from (keeping a path base), so the same document is right
        // behind any host name and the checked-in copy does not name the machine it was produced on.
        var served = document.Servers?.FirstOrDefault()?.Url;
        var path = Uri.TryCreate(served, UriKind.Absolute, out var url) ? url.AbsolutePath.TrimEnd('/') : "";
        document.Servers = [new OpenApiServer { Url = path.Length == 0 ? "/" : path, Description = "This service (relative to the document's address)." }];

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
        }
        return Task.CompletedTask;
    }
}
