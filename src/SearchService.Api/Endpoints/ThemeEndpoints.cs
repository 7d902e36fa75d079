using System.ComponentModel;
using System.Text;
using SearchService.Core.Themes;

namespace SearchService.Api.Endpoints;

public static class ThemeEndpoints
{
    public static IEndpointRouteBuilder MapThemesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/themes").WithTags("Themes")
            .MapGet("", GetTheme)
            .WithSummary("A theme across publications: matching findings and recommendations (keywords + meaning), grouped by brief, per year, with co-occurring topics.")
            .Produces<ThemeResults>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static Results<Ok<ThemeResults>, FileContentHttpResult, ProblemHttpResult> GetTheme([AsParameters] ThemeParameters parameters, ThemeExplorer explorer)
    {
        if (parameters.Format is not (null or "json" or "csv"))
            return Problems.BadRequest($"format must be json or csv (got '{parameters.Format}').");
        var request = new ThemeRequest(parameters.Q ?? "", parameters.Size ?? 50, parameters.From, parameters.To);
        if (request.Validate() is { } problem) return Problems.BadRequest(problem);

        var results = explorer.Explore(request);
        return parameters.Format == "csv"
            ? TypedResults.File(Encoding.UTF8.GetBytes(ThemeCsv.Write(results)), "text/csv; charset=utf-8", "theme.csv")
            : TypedResults.Ok(results);
    }
}

public sealed record ThemeParameters(
    [property: Description("The theme, e.g. AI sovereignty.")] string? Q,
    [property: Description("How many findings and recommendations, 1 to 500 (default 50).")] int? Size,
    [property: Description("Only briefs published on or after this date (yyyy-MM-dd).")] DateOnly? From,
    [property: Description("Only briefs published on or before this date (yyyy-MM-dd).")] DateOnly? To,
    [property: Description("json (default) or csv: one row per finding or recommendation.")] string? Format);
