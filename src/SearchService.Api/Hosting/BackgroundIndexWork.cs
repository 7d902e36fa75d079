using Microsoft.Extensions.Options;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Search;
using SearchService.Core.Synonyms;

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
            WarmUpSearch(index.Embeds);
            // This process owns the index and serves one model: the stores other models left are only disk.
            var (files, bytes) = RelatedLists.RemoveStoresOfOtherModels(lease.Index, model);
            if (files > 0) LogProgress(logger, $"Related lists of other models removed from the index generation: {files} files, {bytes / (1024.0 * 1024):F0} MB");
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

    /// <summary>
    /// One search the way requests search (by words and by meaning, with facets and snippets), so that the first
    /// user's search and the first upload (which encodes and looks up near briefs too) do not pay for loading the
    /// encoder's session, mapping the vector graph and building the facet tables: the first upload after a restart at
    /// 20,000 briefs took 1.13 s without it, 0.48 s after one search by meaning (docs/scaling.md, session 22).
    /// </summary>
    private void WarmUpSearch(bool embeds)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // A request's modes and synonyms, but no result cache, and a text no reader types: the warm-up leaves no
            // answer behind for a real query.
            using var scope = services.CreateScope();
            var request = scope.ServiceProvider;
            var searcher = new BriefSearcher(request.GetRequiredService<IndexLease>().Index, request.GetRequiredService<IReadOnlyList<ISearchMode>>(), cache: null, request.GetRequiredService<SynonymSet>());
            var mode = embeds ? HybridSearchMode.ModeName : KeywordSearchMode.ModeName;
            searcher.Search(new SearchRequest("service start warm-up") { Mode = mode });
            LogProgress(logger, $"Search warmed up ({mode}) in {stopwatch.Elapsed.TotalSeconds:F1} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the first requests' speed depends on it.
            LogProgress(logger, $"Search warm-up failed after {stopwatch.Elapsed.TotalSeconds:F1} s: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogProgress(ILogger logger, string message);
}
