using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SearchService.Api.Hosting;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;
using SearchService.Core.Passages;
using SearchService.Core.Related;
using SearchService.Core.Semantic;

namespace SearchService.Api.Endpoints;

/// <summary>
/// <c>/health</c> (what the service holds, for people and scripts), and the probes for orchestrators and load
/// balancers: <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the index is open; "Degraded" with
/// the reason while background work catches up). The probes answer before the index is open; /health waits for it.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadinessTag = "ready";

    /// <summary>Registers the readiness checks that <see cref="MapHealthApi"/> serves.</summary>
    public static IServiceCollection AddHealthProbes(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<IndexReadinessCheck>(IndexReadinessCheck.Name, tags: [ReadinessTag])
            .AddCheck<BackgroundCatchUpCheck>(BackgroundCatchUpCheck.Name, tags: [ReadinessTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth).WithName("getHealth").WithTags("Health").WithSummary("Whether the service is up, and how many briefs it holds.");
        // No checks: answering at all is what liveness means (a restart would not help a slow index build).
        routes.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteProbe }).WithTags("Health");
        routes.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = WriteProbe,
            // Degraded still serves (possibly interim answers): keep it in the load balancer.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithTags("Health");
        return routes;
    }

    /// <summary>Whether a request is a probe or a scrape: answered before the index is open, and not counted as a reader.</summary>
    public static bool IsMonitoring(PathString path) =>
        path.StartsWithSegments(LivePath) || path.StartsWithSegments(ReadyPath) || path.StartsWithSegments("/metrics");

    private static Task WriteProbe(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var probe = new ProbeResponse(
            report.Status.ToString(),
            report.Entries.Select(e => new ProbeCheck(e.Key, e.Value.Status.ToString(), e.Value.Description ?? "")).ToList());
        return context.Response.WriteAsync(JsonSerializer.Serialize(probe, ProbeJson));
    }

    private static readonly JsonSerializerOptions ProbeJson = new(JsonSerializerDefaults.Web);

    internal static Ok<HealthResponse> GetHealth(IndexLease lease, RelatedBriefFinder related, EmbeddingBackfill backfill, IServiceProvider services)
    {
        var lists = related.Lists;
        var embedder = services.GetRequiredService<SemanticEncoding>().Passages;
        return TypedResults.Ok(new HealthResponse(
            "ok",
            lease.Index.Count,
            new RelatedListsHealth(lists.Scanned, lists.Pending, lists.Computed),
            new EmbeddingHealth(backfill.Running, backfill.Pending, backfill.Done, embedder?.PassagesEncoded ?? 0, embedder?.PassagesFromCache ?? 0),
            // Not learned yet (a large index is being read in the background): none to report, and /health never waits.
            LearnedBoilerplate.IfLearned(lease.Index)?.Counts() ?? [],
            services.GetRequiredService<LiveIndex>().Merging));
    }
}

/// <param name="Status">"ok" while the service answers.</param>
/// <param name="Briefs">Briefs in the index.</param>
/// <param name="Related">Whether every brief's related list is ready: until then related answers may be interim.</param>
/// <param name="Embedding">Briefs still being given vectors (a large first build embeds in the background).</param>
/// <param name="Boilerplate">Per publisher, the paragraphs learned as its boilerplate (recurring nearly verbatim in 3 or more of its briefs) and how many paragraphs of its briefs they drop from passages and snippets.</param>
/// <param name="Merging">True while the index is merged into one segment after a large background embedding (searches answer meanwhile; related lists start after it).</param>
public sealed record HealthResponse(string Status, int Briefs, RelatedListsHealth Related, EmbeddingHealth Embedding, IReadOnlyList<PublisherBoilerplateCount> Boilerplate, bool Merging);

/// <param name="Running">True while briefs indexed as text are being embedded.</param>
/// <param name="Pending">Briefs not embedded yet: semantic and hybrid search do not find them by meaning until then.</param>
/// <param name="Done">Briefs this process gave vectors in the background.</param>
/// <param name="PassagesEncoded">Passages the model encoded since start.</param>
/// <param name="PassagesFromCache">Passages whose vectors came from the embedding cache since start (a resumed build).</param>
public sealed record EmbeddingHealth(bool Running, int Pending, int Done, long PassagesEncoded, long PassagesFromCache);

/// <param name="Checked">True once the stored lists were compared with the index (shortly after start).</param>
/// <param name="Pending">Lists still to compute (missing, or out of date after a write).</param>
/// <param name="ComputedSinceStart">Lists this process computed rather than read.</param>
public sealed record RelatedListsHealth(bool Checked, int Pending, long ComputedSinceStart);

/// <param name="Status">"Healthy", "Degraded" (serving, background work catching up) or "Unhealthy" (503: not ready).</param>
/// <param name="Checks">Each readiness check with the reason for its status (none for /health/live).</param>
public sealed record ProbeResponse(string Status, IReadOnlyList<ProbeCheck> Checks);

/// <param name="Name">"index" or "background".</param>
/// <param name="Status">"Healthy", "Degraded" or "Unhealthy".</param>
/// <param name="Description">Why, in words an operator can act on.</param>
public sealed record ProbeCheck(string Name, string Status, string Description);
