using SearchService.Core.Indexing;

namespace SearchService.Api.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth).WithTags("Health").WithSummary("Whether the service is up, and how many briefs it holds.");
        return routes;
    }

    internal static Ok<HealthResponse> GetHealth(IndexLease lease) => TypedResults.Ok(new HealthResponse("ok", lease.Index.Count));
}

public sealed record HealthResponse(string Status, int Briefs);
