using Microsoft.Extensions.Options;
using SearchService.Core.Analytics;

namespace SearchService.Api.Analytics;

/// <summary>
/// The one writer of search analytics: drains <see cref="SearchAnalytics"/>' queue in batches into
/// <see cref="AnalyticsStore"/> (one transaction per batch) and prunes old rows with the first batch after start-up
/// and then every <see cref="AnalyticsOptions.PruneInterval"/>. On shutdown it writes what is still queued.
/// </summary>
public sealed partial class AnalyticsWriter(
    SearchAnalytics analytics, AnalyticsStore store, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<AnalyticsWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 1_000;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!analytics.Enabled) return;
        var batch = new List<AnalyticsEvent>(MaxBatch);
        var flushes = new List<SearchAnalytics.FlushRequest>();
        var reader = analytics.Events;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                Drain(reader, batch, flushes);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is still written below.
        }
        Drain(reader, batch, flushes);
    }

    private void Drain(System.Threading.Channels.ChannelReader<AnalyticsEvent> reader, List<AnalyticsEvent> batch, List<SearchAnalytics.FlushRequest> flushes)
    {
        while (true)
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item is SearchAnalytics.FlushRequest flush) flushes.Add(flush);
                else batch.Add(item);
            }
            if (batch.Count == 0 && flushes.Count == 0) return;
            try
            {
                store.Write(batch);
                if (clock.GetUtcNow() >= _nextPrune) Prune();
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                // Analytics must never take the service down: the batch is lost, the next one is tried.
                LogWriteFailed(logger, batch.Count, store.Path, e);
            }
            foreach (var flush in flushes) flush.Done.TrySetResult();
            batch.Clear();
            flushes.Clear();
        }
    }

    private void Prune()
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var deleted = store.Prune(now.AddDays(-settings.RetentionDays), settings.MaxSearches, settings.MaxClicks);
        _nextPrune = now + settings.PruneInterval;
        if (deleted > 0) LogPruned(logger, deleted, store.Path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search analytics: {Count} events could not be written to {Path}")]
    private static partial void LogWriteFailed(ILogger logger, int count, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search analytics: {Count} rows past their retention deleted from {Path}")]
    private static partial void LogPruned(ILogger logger, int count, string path);
}
