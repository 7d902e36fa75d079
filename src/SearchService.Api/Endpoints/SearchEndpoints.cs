using System.ComponentModel;
using SearchService.Api.Analytics;
using SearchService.Api.Hosting;
using SearchService.Api.OpenApi;
using SearchService.Core.Analytics;
using SearchService.Core.Search;

namespace SearchService.Api.Endpoints;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/search").WithTags("Search")
            .MapGet("", Search)
            .WithName("searchBriefs")
            .WithSummary("Search briefs: filters, facet counts, sorting, paging, highlighted snippets and spelling correction.")
            .WithDescription("Words must all match (if none does, any may); \"quoted phrases\", -excluded words and OR are understood. " +
                             "Filters are OR within a field and AND across fields. Facet counts cover everything the query matched " +
                             "under the other fields' filters. When the words match little and look misspelled, likely corrections " +
                             "are searched too and didYouMean holds the corrected query.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        routes.MapGroup("/api/search").WithTags("Search")
            .MapPost("/similar", Similar)
            .WithName("searchSimilarBriefs")
            .WithSummary("Briefs like a text: a finding, a paragraph of a speech, a draft's summary, sent in the body (up to 100,000 characters).")
            .WithDescription("The same answer as GET /api/search. A text over 64 words is read as \"briefs like this\": keyword mode weighs its most " +
                             "informative terms (tf-idf against the index, at most 100); semantic mode encodes it in passage-sized pieces and " +
                             "searches with their mean; hybrid fuses both.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> Similar(SimilarRequest body, BriefSearcher searcher, ServiceMetrics metrics, SearchAnalytics analytics, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(body.Text)) return Problems.BadRequest("text is required: the text to find briefs like.");
        return await Run(new SearchRequestText
        {
            Q = body.Text,
            Mode = body.Mode,
            Tags = body.Tags,
            Authors = body.Authors,
            Types = body.Type,
            Publishers = body.Publisher,
            From = body.From,
            To = body.To,
            Sort = body.Sort,
            Boost = body.Boost,
            Page = body.Page,
            Size = body.Size,
        }, searcher, metrics, analytics, SearchKinds.Similar, context);
    }

    internal static Task<Results<Ok<SearchResults>, ProblemHttpResult>> Search([AsParameters] SearchParameters parameters, BriefSearcher searcher, ServiceMetrics metrics, SearchAnalytics analytics, HttpContext context) =>
        Run(parameters.ToText(), searcher, metrics, parameters.Interim == true ? null : analytics, SearchKinds.Search, context);

    /// <summary>Runs one search and records it (unless <paramref name="analytics"/> is null: a search box's interim request).</summary>
    private static async Task<Results<Ok<SearchResults>, ProblemHttpResult>> Run(SearchRequestText text, BriefSearcher searcher, ServiceMetrics metrics, SearchAnalytics? analytics, string kind, HttpContext context)
    {
        if (!text.TryCreate(out var request, out var problem, searcher.DefaultMode)) return Problems.BadRequest(problem);
        if (searcher.Validate(request) is { } invalid) return Problems.BadRequest(invalid);
        var timings = new StageTimings();
        var results = await searcher.SearchAsync(request, timings, context.RequestAborted);
        metrics.Record(request.Mode, timings);
        RequestLog.AddSearch(context, request.Mode, timings);
        // An empty box without filters is the landing list, not a search: not recorded.
        var listing = string.IsNullOrWhiteSpace(request.Query) && request.Filter.IsEmpty;
        var searchId = listing ? null : analytics?.RecordSearch(kind, request.Query, request.Mode, request.Filter, results.Total, results.TookMs);
        return TypedResults.Ok(searchId is null ? results : results with { SearchId = searchId });
    }
}

/// <summary>The body of <c>POST /api/search/similar</c>: the text, and the same filters and paging as a search.</summary>
public sealed record SimilarRequest(
    [property: Description("The text to find briefs like (up to 100,000 characters)."), OpenApiExample("Governments should secure domestic compute capacity before regulating frontier AI models.")] string? Text,
    [property: Description(SearchModes.ModeHelp)] string? Mode = null,
    [property: Description("Only briefs with any of these tags.")] string[]? Tags = null,
    [property: Description("Only briefs by any of these authors.")] string[]? Authors = null,
    [property: Description("Only briefs of any of these types.")] string[]? Type = null,
    [property: Description("Only briefs from any of these publishers.")] string[]? Publisher = null,
    [property: Description("Only briefs dated on or after this day (yyyy-MM-dd, yyyy-MM or yyyy).")] string? From = null,
    [property: Description("Only briefs dated on or before this day.")] string? To = null,
    [property: Description("relevance (the default) or date.")] string? Sort = null,
    [property: Description("recent: newer briefs score higher.")] string? Boost = null,
    [property: Description("Page number, from 1.")] int? Page = null,
    [property: Description("Results per page, 1 to 100.")] int? Size = null);

public sealed record SearchParameters(
    [property: Description("What to search for. Empty lists every brief, newest first."), OpenApiExample("AI sovereignty")] string? Q,
    [property: Description(SearchModes.ModeHelp)] string? Mode,
    [property: Description("Only briefs with any of these tags; repeat for more (tags=a&tags=b)."), OpenApiExample("Policy Brief")] string[]? Tags,
    [property: Description("Only briefs by any of these authors; repeat for more.")] string[]? Authors,
    [property: Description("Only briefs of any of these types (\"Report\", \"In Focus\"); repeat for more.")] string[]? Type,
    [property: Description("Only briefs from any of these publishers; repeat for more.")] string[]? Publisher,
    [property: Description("Only briefs dated on or after this day (yyyy-MM-dd; yyyy-MM or yyyy mean its first day)."), OpenApiExample("2025-01")] string? From,
    [property: Description("Only briefs dated on or before this day (yyyy-MM-dd; yyyy-MM or yyyy mean its last day)."), OpenApiExample("2025-12-31")] string? To,
    [property: Description("relevance (the default) or date (newest first). Ties go by id."), OpenApiExample("relevance")] string? Sort,
    [property: Description("recent: newer briefs score higher (score halves per 365 days of age).")] string? Boost,
    [property: Description("Page number, from 1.")] int? Page,
    [property: Description("Results per page, 1 to 100."), OpenApiExample(10)] int? Size,
    [property: Description("true for a search box's request while the reader is still typing: answered as usual but not recorded in search analytics (the request after the pause is).")] bool? Interim = null)
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
