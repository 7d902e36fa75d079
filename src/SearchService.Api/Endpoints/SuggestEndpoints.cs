using System.ComponentModel;
using SearchService.Api.OpenApi;
using SearchService.Core.Suggest;

namespace SearchService.Api.Endpoints;

public static class SuggestEndpoints
{
    public static IEndpointRouteBuilder MapSuggestApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/suggest").WithTags("Search")
            .MapGet("", Suggest)
            .WithName("suggest")
            .WithSummary("Completions while typing: brief titles, tags, authors and frequent phrases.")
            .WithDescription("Finished words must match whole words, the word being typed matches as a prefix: \"ai sove\" suggests \"AI sovereignty\".")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static Results<Ok<SuggestResponse>, ProblemHttpResult> Suggest(
        [Description("What has been typed so far."), OpenApiExample("ai sove")] string? q,
        [Description("How many suggestions, 1 to 20."), OpenApiExample(5)] int? size,
        BriefSuggester suggester)
    {
        var count = size ?? BriefSuggester.DefaultSize;
        if (BriefSuggester.Validate(q, count) is { } problem) return Problems.BadRequest(problem);
        return TypedResults.Ok(new SuggestResponse(suggester.Suggest(q, count)));
    }
}

public sealed record SuggestResponse(IReadOnlyList<Suggestion> Suggestions);
