using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using SearchService.Api.OpenApi;
using SearchService.Core.Search;
using SearchService.Core.Themes;

namespace SearchService.Api.Endpoints;

public static class ThemeEndpoints
{
    public static IEndpointRouteBuilder MapThemesApi(this IEndpointRouteBuilder routes)
    {
        var themes = routes.MapGroup("/api/themes").WithTags("Themes");
        themes.MapGet("", GetTheme)
            .WithName("exploreTheme")
            .WithSummary("A theme across publications: matching findings and recommendations (keywords + meaning), grouped by brief, per year and publisher, with co-occurring topics and phrases.")
            .WithDescription("Repeat q (up to 4) to compare themes: each theme's counts are in themes, and meetings lists the briefs with passages that match every theme. " +
                             "tags, authors, type, publisher, from and to filter as on GET /api/search, for the counts and the list alike.")
            .ProducesThemeAnswer();
        themes.MapPost("", PostTheme)
            .WithName("exploreThemeOfText")
            .WithSummary("GET /api/themes with its parameters in a JSON body, for themes that do not fit a URL: a pasted finding or paragraph (up to 100,000 characters each).")
            .WithDescription("The same answer as GET /api/themes. A theme over 64 words is read as \"passages like this text\": its most informative terms " +
                             "(tf-idf against the index), and its meaning encoded in passage-sized pieces.")
            .ProducesThemeAnswer();
        themes.MapGet("/feed", GetFeed)
            .WithName("getThemeFeed")
            .WithSummary("An Atom 1.0 feed of the newest briefs matching a theme (or any of several), for feed readers.")
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    /// <summary>What both ways of asking for a theme answer: its results as JSON, or as CSV (<c>format=csv</c>).</summary>
    private static RouteHandlerBuilder ProducesThemeAnswer(this RouteHandlerBuilder builder) => builder
        .Produces<ThemeResults>(contentType: "application/json")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Ok<ThemeResults>, FileContentHttpResult, ProblemHttpResult>> GetTheme([AsParameters] ThemeFilterParameters filters, [AsParameters] ThemeParameters parameters, ThemeExplorer explorer, HttpContext context)
    {
        if (parameters.Format is not (null or "json" or "csv"))
            return Problems.BadRequest($"format must be json or csv (got '{parameters.Format}').");
        if (!filters.TryCreate(parameters.Size ?? 50, out var request, out var problem)) return Problems.BadRequest(problem);

        var results = await explorer.ExploreAsync(request, context.RequestAborted);
        return parameters.Format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetBytes(ThemeCsv.Write(results)), "text/csv; charset=utf-8", "theme.csv")
            : TypedResults.Ok(results);
    }

    internal static Task<Results<Ok<ThemeResults>, FileContentHttpResult, ProblemHttpResult>> PostTheme(ThemeBody body, ThemeExplorer explorer, HttpContext context) =>
        GetTheme(new ThemeFilterParameters(body.Q, body.Tags, body.Authors, body.Type, body.Publisher, body.From, body.To), new ThemeParameters(body.Size, body.Format), explorer, context);

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetFeed([AsParameters] ThemeFilterParameters parameters, ThemeExplorer explorer, HttpRequest http)
    {
        // The newest briefs may not hold the best-scoring passages: read as many passages as a theme request may.
        if (!parameters.TryCreate(ThemeRequest.MaxSize, out var request, out var problem)) return Problems.BadRequest(problem);
        var results = await explorer.ExploreAsync(request, http.HttpContext.RequestAborted);

        var root = new Uri($"{http.Scheme}://{http.Host}{http.PathBase}/");
        var query = parameters.CanonicalQuery();
        var links = new ThemeFeedLinks("urn:searchservice:themes:" + query.TrimStart('?'), new Uri(root, "api/themes/feed" + query), new Uri(root, "themes" + query), root);
        var xml = ThemeAtomFeed.Build(results, links);
        return TypedResults.Content(xml.Declaration + "\n" + xml.Root, ThemeAtomFeed.ContentType, Encoding.UTF8);
    }
}

/// <summary>The themes and filters shared by <c>GET /api/themes</c> and its feed.</summary>
public sealed record ThemeFilterParameters(
    [property: Description("The theme, e.g. AI sovereignty; repeat (q=a&q=b, up to 4) to compare themes."), OpenApiExample("AI sovereignty")] string[]? Q,
    [property: Description("Only briefs with any of these tags; repeat for more.")] string[]? Tags,
    [property: Description("Only briefs by any of these authors; repeat for more.")] string[]? Authors,
    [property: Description("Only briefs of any of these types (\"Report\", \"In Focus\"); repeat for more.")] string[]? Type,
    [property: Description("Only briefs from any of these publishers; repeat for more.")] string[]? Publisher,
    [property: Description("Only briefs dated on or after this day (yyyy-MM-dd; yyyy-MM or yyyy mean its first day).")] string? From,
    [property: Description("Only briefs dated on or before this day (yyyy-MM-dd; yyyy-MM or yyyy mean its last day).")] string? To)
{
    /// <summary>The theme request, with filters read exactly as a search reads them; or what is wrong with them.</summary>
    public bool TryCreate(int size, [NotNullWhen(true)] out ThemeRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = null;
        var filterText = new SearchRequestText { Tags = Tags, Authors = Authors, Types = Type, Publishers = Publisher, From = From, To = To };
        if (!filterText.TryCreate(out var search, out problem)) return false;
        var themes = Q?.Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q.Trim()).ToList() ?? [];
        request = new ThemeRequest(themes.FirstOrDefault() ?? "", size, search.Filter.From, search.Filter.To)
        {
            Compared = themes.Skip(1).ToList(),
            Filter = search.Filter,
        };
        problem = request.Validate();
        if (problem is null) return true;
        request = null;
        return false;
    }

    /// <summary>"?q=…&amp;publisher=…", the parameters in a fixed order, so the same theme always gets the same feed id.</summary>
    public string CanonicalQuery()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string name, IEnumerable<string>? values)
        {
            foreach (var value in values ?? []) if (!string.IsNullOrWhiteSpace(value)) pairs.Add(new(name, value.Trim()));
        }
        Add("q", Q);
        Add("tags", Tags?.Order(StringComparer.Ordinal));
        Add("authors", Authors?.Order(StringComparer.Ordinal));
        Add("type", Type?.Order(StringComparer.Ordinal));
        Add("publisher", Publisher?.Order(StringComparer.Ordinal));
        Add("from", From is null ? null : [From]);
        Add("to", To is null ? null : [To]);
        return QueryString.Create(pairs).ToUriComponent();
    }
}

/// <summary>The body of <c>POST /api/themes</c>: the parameters of <c>GET /api/themes</c>, for themes too long for a URL.</summary>
public sealed record ThemeBody(
    [property: Description("The themes (up to 4, up to 100,000 characters each): the first is the theme, the others are compared with it."), OpenApiExample("Governments should secure domestic compute capacity before regulating frontier AI models.")] string[]? Q,
    [property: Description("Only briefs with any of these tags.")] string[]? Tags = null,
    [property: Description("Only briefs by any of these authors.")] string[]? Authors = null,
    [property: Description("Only briefs of any of these types.")] string[]? Type = null,
    [property: Description("Only briefs from any of these publishers.")] string[]? Publisher = null,
    [property: Description("Only briefs dated on or after this day (yyyy-MM-dd, yyyy-MM or yyyy).")] string? From = null,
    [property: Description("Only briefs dated on or before this day.")] string? To = null,
    [property: Description("How many findings and recommendations per theme, 1 to 500 (default 50).")] int? Size = null,
    [property: Description("json (default) or csv.")] string? Format = null);

/// <summary>How much of a theme <c>GET /api/themes</c> lists, and in which format.</summary>
public sealed record ThemeParameters(
    [property: Description("How many findings and recommendations per theme, 1 to 500 (default 50); the counts cover these.")] int? Size,
    [property: Description("json (default) or csv: one row per finding or recommendation.")] string? Format);
