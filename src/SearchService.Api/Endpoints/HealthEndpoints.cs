using SearchService.Core.Indexing;
using SearchService.Core.Related;

namespace SearchService.Api.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth).WithTags("Health").WithSummary("Whether the service is up, and how many briefs it holds.");
        return routes;
    }

    internal static Ok<HealthResponse> GetHealth(IndexLease lease, RelatedBriefFinder related)
    {
        var lists = related.Lists;
        return TypedResults.Ok(new HealthResponse("ok", lease.Index.Count, new RelatedListsHealth(lists.Scanned, lists.Pending, lists.Computed)));
    }
}

/// <param name="Status">"ok" while the service answers.</param>
/// <param name="Briefs">Briefs in the index.</param>
/// <param name="Related">Whether every brief's related list is ready: until then related answers may be interim.</param>
public sealed record HealthResponse(string Status, int Briefs, RelatedListsHealth Related);

/// <param name="Checked">True once the stored lists were compared with the index (shortly after start).</param>
/// <param name="Pending">Lists still to compute (missing, or out of date after a write).</param>
/// <param name="ComputedSinceStart">Lists this process computed rather than read.</param>
public sealed record RelatedListsHealth(bool Checked, int Pending, long ComputedSinceStart);
