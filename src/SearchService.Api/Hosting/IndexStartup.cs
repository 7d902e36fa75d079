using Microsoft.Extensions.Options;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Api.Hosting;

/// <summary>Opens the index at start-up, building it from the sample briefs first when it is empty.</summary>
public static partial class IndexStartup
{
    /// <summary>How long start-up waits for another holder of the index folder to let it go.</summary>
    internal static readonly TimeSpan PreviousHolderWait = TimeSpan.FromSeconds(15);

    public static LiveIndex OpenOrBuild(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SearchServiceOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SearchService.Index");
        var indexPath = RepositoryPaths.Resolve(options.IndexPath);
        var embedder = services.GetRequiredService<SemanticEncoding>().Passages;
        // A restart may begin while the previous process is still closing the index (a supervisor's overlap).
        var index = LiveIndex.Open(indexPath, embedder, lockWait: PreviousHolderWait);
        using var lease = index.Acquire();
        if (lease.Index.Count > 0 && lease.Index.PendingBuild is null)
        {
            LogReusing(logger, indexPath, lease.Generation, lease.Index.Count);
            // Vectors of another encoder (the configuration changed), or none (built with semantic search off):
            // semantic search could not compare them with queries, so the briefs are embedded again from their kept originals.
            if (embedder is not null && lease.Index.EmbeddedOtherwiseThan(embedder.Encoder) is { } found)
            {
                LogReembedding(logger, found, embedder.Encoder.ModelName);
                var rebuilt = index.Rebuild();
                LogBuilt(logger, rebuilt.Report.Indexed.Count, rebuilt.Report.Failed.Count, rebuilt.Report.Elapsed.TotalSeconds);
            }
            return index;
        }

        // A build stopped half-way resumes from the folder it was reading (unchanged briefs are skipped by hash).
        var briefsPath = lease.Index.PendingBuild ?? RepositoryPaths.Resolve(options.BriefsPath);
        LogBuilding(logger, indexPath, briefsPath);
        var textFirst = embedder is not null && BriefIngestor.FindFiles([briefsPath]).Count > options.TextFirstAboveFiles;
        if (textFirst) LogTextFirst(logger, options.TextFirstAboveFiles);
        lease.Index.PendingBuild = briefsPath;
        var report = BriefIngestor.Ingest(lease.Index, [briefsPath], (file, n, total) => LogProgress(logger, n, total, Path.GetFileName(file)), textFirst ? null : embedder);
        lease.Index.PendingBuild = null;
        lease.Index.Commit();
        foreach (var skip in report.Skipped) LogSkipped(logger, skip.File, skip.Reason);
        foreach (var failure in report.Failed) LogFailed(logger, failure.File, failure.Reason);
        LogBuilt(logger, report.Indexed.Count, report.Failed.Count, report.Elapsed.TotalSeconds);
        return index;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the index at {Path}, generation {Generation} ({Count} briefs)")]
    private static partial void LogReusing(ILogger logger, string path, int generation, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The index was embedded by {Found}, not by the configured encoder {Model}: embedding every brief again")]
    private static partial void LogReembedding(ILogger logger, string found, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "No index at {Path} yet: building it from {Briefs}")]
    private static partial void LogBuilding(ILogger logger, string path, string briefs);

    [LoggerMessage(Level = LogLevel.Information, Message = "More than {Files} files: indexing their text first; passages are embedded in the background after")]
    private static partial void LogTextFirst(ILogger logger, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexing {N}/{Total}: {File}")]
    private static partial void LogProgress(ILogger logger, int n, int total, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {File}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not indexed {File}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Index built: {Indexed} briefs indexed, {Failed} files failed, in {Seconds:F1} s")]
    private static partial void LogBuilt(ILogger logger, int indexed, int failed, double seconds);
}
