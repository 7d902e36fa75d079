using System.ComponentModel;
using SearchService.Api.Analytics;
using SearchService.Api.OpenApi;
using SearchService.Core.Analytics;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;
using SearchService.Core.Related;

namespace SearchService.Api.Endpoints;

public static class BriefEndpoints
{
    /// <summary>A brief of the sample set (and of the test fixtures), for the document's examples.</summary>
    private const string ExampleBriefId = "navigating-ai-sovereignty";

    public static IEndpointRouteBuilder MapBriefsApi(this IEndpointRouteBuilder routes)
    {
        var briefs = routes.MapGroup("/api/briefs").WithTags("Briefs");
        briefs.MapGet("", ListBriefs).WithName("listBriefs").WithSummary("A page of briefs, newest first.").ProducesProblem(StatusCodes.Status400BadRequest);
        briefs.MapGet("/{id}", GetBrief).WithName("getBrief").WithSummary("One brief as extracted: metadata, sections, findings and recommendations.").ProducesProblem(StatusCodes.Status404NotFound);
        briefs.MapGet("/{id}/related", GetRelated).WithName("getRelatedBriefs").WithSummary("The briefs most related to this one, with scores and reasons.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static Results<Ok<BriefPage>, ProblemHttpResult> ListBriefs(
        [Description("Page number, from 1.")] int? page, [Description("Briefs per page, 1 to 100.")] int? size, IndexLease lease)
    {
        var (p, s) = (page ?? 1, size ?? 20);
        if (p < 1) return Problems.BadRequest($"page must be 1 or more (got {p}).");
        if (s is < 1 or > 100) return Problems.BadRequest($"size must be between 1 and 100 (got {s}).");
        if ((long)p * s > 10_000) return Problems.BadRequest($"page × size may not exceed 10,000 (got page {p}, size {s}).");
        var (total, items) = lease.Index.List(p, s);
        return TypedResults.Ok(new BriefPage(total, p, s, items.Select(BriefListItem.From).ToList()));
    }

    internal static Results<Ok<Brief>, ProblemHttpResult> GetBrief([Description("The brief's id, as search hits and GET /api/briefs give it."), OpenApiExample(ExampleBriefId)] string id, IndexLease lease) =>
        lease.Index.Get(id) is { } brief ? TypedResults.Ok(brief) : Problems.BriefNotFound(id);

    internal static Results<Ok<RelatedResponse>, ProblemHttpResult> GetRelated(
        [Description("The brief to find related briefs for."), OpenApiExample(ExampleBriefId)] string id,
        [Description("How many related briefs, 1 to 50."), OpenApiExample(5)] int? k, RelatedBriefFinder finder, SearchAnalytics analytics)
    {
        var count = k ?? 5;
        if (count is < 1 or > RelatedBriefFinder.MaxK) return Problems.BadRequest($"k must be between 1 and {RelatedBriefFinder.MaxK} (got {count}).");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (finder.FindForRequest(id, count) is not { } answer) return Problems.BriefNotFound(id);
        var tookMs = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
        var searchId = analytics.RecordSearch(SearchKinds.Related, id, SearchKinds.Related, Core.Search.BriefFilter.None, answer.Related.Count, tookMs);
        return TypedResults.Ok(new RelatedResponse(id, answer.Related, answer.Interim) { SearchId = searchId });
    }
}

public sealed record BriefPage(int Total, int Page, int Size, IReadOnlyList<BriefListItem> Items);

public sealed record BriefListItem(string Id, string Title, DateOnly? Date, string? Type, string? Publisher, IReadOnlyList<string> Tags, string? Summary)
{
    public static BriefListItem From(Brief brief) => new(brief.Id, brief.Title, brief.Date, brief.Type, brief.Publisher, brief.Tags, brief.Summary);
}

/// <param name="Id">The brief asked about.</param>
/// <param name="Related">Related briefs, best first, each with the reasons a reader would recognise.</param>
/// <param name="Interim">True while this brief's ranked list is still being computed (a first start or reindex of a
/// large index): the list is then its nearest briefs by meaning, ranked by similarity alone.</param>
public sealed record RelatedResponse(string Id, IReadOnlyList<RelatedBrief> Related, bool Interim = false)
{
    /// <summary>Opaque id of this list in search analytics: the related widget sends it back when a brief of the list is opened.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? SearchId { get; init; }
}
