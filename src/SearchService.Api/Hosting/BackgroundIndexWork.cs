using Microsoft.Extensions.Options;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Related;

namespace SearchService.Api.Hosting;

/// <summary>
/// What the service does after it starts listening: embeds briefs indexed as text only (a large first build), then
/// keeps the related lists of the current generation complete (reading those persisted with it, computing the rest).
/// </summary>
public sealed partial class BackgroundIndexWork(IndexOpening opening, IServiceProvider services, RequestActivity activity, IOptions<RelatedOptions> relatedOptions, ILogger<BackgroundIndexWork> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await opening.Opened.WaitAsync(stoppingToken);
        }
        catch (Exception e) when (e is OperationCanceledException || opening.Opened.IsFaulted)
        {
            return; // stopping, or no index to work on (IndexOpener reports why)
        }
        await Task.Run(() => Work(services.GetRequiredService<LiveIndex>(), services.GetRequiredService<EmbeddingBackfill>(), services.GetRequiredService<RelatedModel>(), stoppingToken), stoppingToken);
    }

    private void Work(LiveIndex index, EmbeddingBackfill backfill, RelatedModel model, CancellationToken stoppingToken)
    {
        using (var lease = index.Acquire())
        {
            // Requests use the publishers' boilerplate only once learned: learn it now, off the request path.
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var learned = LearnedBoilerplate.For(lease.Index);
            LogProgress(logger, learned.ReadFromFile
                ? $"Boilerplate read from the index generation in {stopwatch.Elapsed.TotalSeconds:F1} s"
                : $"Boilerplate learned from the stored briefs in {stopwatch.Elapsed.TotalSeconds:F1} s");
            BriefExtractor.WarmUp();
            // While briefs gain vectors, requests answer from what exists instead of computing lists of a changing index.
            if (index.Embeds && lease.Index.BriefsWithoutVectors(limit: 1).Count > 0) RelatedLists.For(lease.Index, model).Defer();
        }
        try
        {
            if (backfill.Run(message => LogProgress(logger, message), stoppingToken) > 0)
            {
                // Briefs written again with their vectors leave many small segments; one answers every query (and
                // every related-list search) with one term lookup instead of one per segment.
                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                index.Compact();
                LogProgress(logger, $"Index merged into one segment in {stopwatch.Elapsed.TotalSeconds:F0} s");
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        using (var lease = index.Acquire())
        {
            RelatedLists.For(lease.Index, model).Start(message => LogProgress(logger, message), load: activity, shareUnderLoad: relatedOptions.Value.FillShareUnderLoad);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogProgress(ILogger logger, string message);
}
