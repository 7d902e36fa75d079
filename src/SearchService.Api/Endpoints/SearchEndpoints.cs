using System.ComponentModel;
using SearchService.Core.Search;

namespace SearchService.Api.Endpoints;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/search").WithTags("Search")
            .MapGet("", Search)
            .WithSummary("Keyword search over briefs, with highlighted snippets.")
            .WithDescription("Words must all match (if none does, any may); \"quoted phrases\", -excluded words and OR are understood.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static Results<Ok<SearchResults>, ProblemHttpResult> Search([AsParameters] SearchParameters parameters, BriefSearcher searcher)
    {
        var request = new SearchRequest(parameters.Q, parameters.Page ?? 1, parameters.Size ?? 10);
        if (request.Validate() is { } problem) return Problems.BadRequest(problem);
        return TypedResults.Ok(searcher.Search(request));
    }
}

public sealed record SearchParameters(
    [property: Description("What to search for. Empty lists every brief, newest first.")] string? Q,
    [property: Description("Page number, from 1.")] int? Page,
    [property: Description("Results per page, 1 to 100.")] int? Size);
