using SearchService.Core.Indexing;
using SearchService.Core.Related;

namespace SearchService.Api.Hosting;

/// <summary>
/// Opens the index (building it first when empty) once the host has started, so <c>/health/live</c> answers during
/// a long first build. A failure stops the service with a non-zero exit code: it cannot serve without its index.
/// </summary>
public sealed partial class IndexOpener(IndexOpening opening, IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<IndexOpener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            // The related model is read before the index opens, as it was before the service listened.
            services.GetRequiredService<RelatedModel>();
            opening.Succeeded(IndexStartup.OpenOrBuild(services));
            // Resolved once through the container, which then owns the index and closes it (committing) on shutdown.
            services.GetRequiredService<LiveIndex>();
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
            opening.Failed(e);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }, CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The index could not be opened: the service stops")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
