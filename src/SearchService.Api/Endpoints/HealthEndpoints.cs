using SearchService.Api.Hosting;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Semantic;

namespace SearchService.Api.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth).WithTags("Health").WithSummary("Whether the service is up, and how many briefs it holds.");
        return routes;
    }

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
            LearnedBoilerplate.IfLearned(lease.Index)?.Counts() ?? []));
    }
}

/// <param name="Status">"ok" while the service answers.</param>
/// <param name="Briefs">Briefs in the index.</param>
/// <param name="Related">Whether every brief's related list is ready: until then related answers may be interim.</param>
/// <param name="Embedding">Briefs still being given vectors (a large first build embeds in the background).</param>
/// <param name="Boilerplate">Per publisher, the paragraphs learned as its boilerplate (recurring nearly verbatim in 3 or more of its briefs) and how many paragraphs of its briefs they drop from passages and snippets.</param>
public sealed record HealthResponse(string Status, int Briefs, RelatedListsHealth Related, EmbeddingHealth Embedding, IReadOnlyList<PublisherBoilerplateCount> Boilerplate);

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
