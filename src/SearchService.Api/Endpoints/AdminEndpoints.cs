using SearchService.Api.Reindexing;

namespace SearchService.Api.Endpoints;

/// <summary>
/// Administration: rebuilding the index into a new generation while the old one keeps serving. The rebuild runs
/// in the background: <c>POST</c> answers 202 at once with the status URL, <c>GET</c> on it reports progress.
/// </summary>
public static class AdminEndpoints
{
    public const string ReindexPath = "/api/admin/reindex";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin").WithTags("Admin").RequireWriteAccess();
        admin.MapPost("/reindex", StartReindex)
            .WithName("startReindex")
            .WithSummary("Rebuild the index from every brief's original file into a new generation, then swap it in; searches keep working throughout.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/reindex", GetReindexStatus)
            .WithName("getReindexStatus")
            .WithSummary("Progress and outcome of the last reindex.");
        return routes;
    }

    internal static Results<Accepted<ReindexStatus>, ProblemHttpResult> StartReindex(ReindexRunner runner) =>
        runner.TryStart(out var status)
            ? TypedResults.Accepted(ReindexPath, status)
            : Problems.Conflict($"A reindex started at {status.StartedAt:u} is still running ({status.Processed} of {status.Total} briefs); GET {ReindexPath} shows its progress.");

    internal static Ok<ReindexStatus> GetReindexStatus(ReindexRunner runner) => TypedResults.Ok(runner.Status);
}
