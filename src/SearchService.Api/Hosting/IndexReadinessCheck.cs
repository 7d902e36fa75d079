using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SearchService.Api.Hosting;

/// <summary>
/// Ready to take traffic only with the index open, and no longer once the service is stopping, so a load balancer
/// sends no new requests to a process that is still building its index or draining its last ones.
/// </summary>
public sealed class IndexReadinessCheck(IndexOpening opening, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "index";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return Task.FromResult(HealthCheckResult.Unhealthy("The service is stopping: it finishes the requests it holds and takes no new ones."));
        if (opening.Opened.IsFaulted)
            return Task.FromResult(HealthCheckResult.Unhealthy($"The index could not be opened: {opening.Opened.Exception!.GetBaseException().Message}"));
        if (opening.IfOpen is not { } index)
            return Task.FromResult(HealthCheckResult.Unhealthy("The index is being opened (or built from the briefs folder); requests wait until it is open."));
        return Task.FromResult(HealthCheckResult.Healthy($"Index generation {index.Generation} is open."));
    }
}
