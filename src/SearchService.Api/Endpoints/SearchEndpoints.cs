using System.ComponentModel;
using SearchService.Core.Search;

namespace SearchService.Api.Endpoints;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/search").WithTags("Search")
            .MapGet("", Search)
            .WithSummary("Search briefs: filters, facet counts, sorting, paging, highlighted snippets and spelling correction.")
            .WithDescription("Words must all match (if none does, any may); \"quoted phrases\", -excluded words and OR are understood. " +
                             "Filters are OR within a field and AND across fields. Facet counts cover everything the query matched " +
                             "under the other fields' filters. When the words match little and look misspelled, likely corrections " +
                             "are searched too and didYouMean holds the corrected query.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static Results<Ok<SearchResults>, ProblemHttpResult> Search([AsParameters] SearchParameters parameters, BriefSearcher searcher)
    {
        if (!parameters.ToText().TryCreate(out var request, out var problem, searcher.DefaultMode)) return Problems.BadRequest(problem);
        if (searcher.Validate(request) is { } invalid) return Problems.BadRequest(invalid);
        return TypedResults.Ok(searcher.Search(request));
    }
}

public sealed record SearchParameters(
    [property: Description("What to search for. Empty lists every brief, newest first.")] string? Q,
    [property: Description("How matches are found: keyword, semantic (by meaning, with sentence embeddings) or hybrid (both fused; the default when embeddings are on).")] string? Mode,
    [property: Description("Only briefs with any of these tags; repeat for more (tags=a&tags=b).")] string[]? Tags,
    [property: Description("Only briefs by any of these authors; repeat for more.")] string[]? Authors,
    [property: Description("Only briefs of any of these types (\"Report\", \"In Focus\"); repeat for more.")] string[]? Type,
    [property: Description("Only briefs from any of these publishers; repeat for more.")] string[]? Publisher,
    [property: Description("Only briefs dated on or after this day (yyyy-MM-dd; yyyy-MM or yyyy mean its first day).")] string? From,
    [property: Description("Only briefs dated on or before this day (yyyy-MM-dd; yyyy-MM or yyyy mean its last day).")] string? To,
    [property: Description("relevance (the default) or date (newest first). Ties go by id.")] string? Sort,
    [property: Description("recent: newer briefs score higher (score halves per 365 days of age).")] string? Boost,
    [property: Description("Page number, from 1.")] int? Page,
    [property: Description("Results per page, 1 to 100.")] int? Size)
{
    public SearchRequestText ToText() => new()
    {
        Q = Q,
        Mode = Mode,
        Tags = Tags,
        Authors = Authors,
        Types = Type,
        Publishers = Publisher,
        From = From,
        To = To,
        Sort = Sort,
        Boost = Boost,
        Page = Page,
        Size = Size,
    };
}
