using Microsoft.Extensions.Diagnostics.HealthChecks;
using SearchService.Core.Related;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Api.Hosting;

/// <summary>
/// Degraded, with the reason, while background work still changes answers: briefs without vectors (not found by
/// meaning yet) or related lists not computed (interim related answers). The service answers meanwhile; the same
/// figures are in <c>/health</c> and <c>/metrics</c>.
/// </summary>
public sealed class BackgroundCatchUpCheck(IndexOpening opening, IServiceProvider services) : IHealthCheck
{
    public const string Name = "background";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Before the index is open there is nothing to catch up with: the index check says why the service is not ready.
        if (opening.IfOpen is not { } index) return Task.FromResult(HealthCheckResult.Healthy("Waits for the index."));
        var embeddingPending = services.GetRequiredService<EmbeddingBackfill>().Pending;
        int relatedPending;
        bool relatedChecked;
        using (var lease = index.Acquire())
        {
            var lists = RelatedLists.For(lease.Index, services.GetRequiredService<RelatedModel>());
            (relatedPending, relatedChecked) = (lists.Pending, lists.Scanned);
        }
        var reasons = new List<string>();
        if (embeddingPending > 0) reasons.Add($"{embeddingPending} briefs still to embed: semantic and hybrid search do not find them by meaning yet");
        if (!relatedChecked) reasons.Add("the stored related lists are not yet compared with the index: related answers may be interim");
        else if (relatedPending > 0) reasons.Add($"{relatedPending} related lists still to compute: a brief without one is answered interim while many are pending, else computed on request");
        var data = new Dictionary<string, object> { ["embeddingPending"] = embeddingPending, ["relatedPending"] = relatedPending, ["relatedChecked"] = relatedChecked };
        return Task.FromResult(reasons.Count == 0
            ? HealthCheckResult.Healthy("Embedding and related lists are complete.", data)
            : HealthCheckResult.Degraded(Sentence(reasons), data: data));
    }

    private static string Sentence(List<string> reasons)
    {
        var text = string.Join("; ", reasons) + ".";
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
