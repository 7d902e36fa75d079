using Microsoft.Extensions.Options;
using SearchService.Api.Hosting;
using SearchService.Core.Indexing;
using SearchService.Core.Related;

namespace SearchService.Api.Reindexing;

/// <summary>
/// Runs one reindex at a time in the background and keeps its status for <c>GET /api/admin/reindex</c>. A
/// rebuild still running when the service stops is cancelled and its half-built generation deleted.
/// </summary>
public sealed partial class ReindexRunner : IDisposable
{
    private readonly LiveIndex _index;
    private readonly RelatedModel _relatedModel;
    private readonly ILogger<ReindexRunner> _logger;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly System.Threading.Lock _lock = new();
    private readonly RequestActivity _activity;
    private readonly double _fillShareUnderLoad;
    private ReindexStatus _status;
    private Task _running = Task.CompletedTask;

    public ReindexRunner(LiveIndex index, RelatedModel relatedModel, ILogger<ReindexRunner> logger, TimeProvider clock, IHostApplicationLifetime lifetime, RequestActivity activity, IOptions<RelatedOptions> relatedOptions)
    {
        _index = index;
        _relatedModel = relatedModel;
        _logger = logger;
        _clock = clock;
        _activity = activity;
        _fillShareUnderLoad = relatedOptions.Value.FillShareUnderLoad;
        _status = new ReindexStatus(ReindexState.Idle, index.Generation, null, null, 0, 0, 0, [], null);
        lifetime.ApplicationStopping.Register(_stopping.Cancel);
    }

    public ReindexStatus Status
    {
        get
        {
            lock (_lock) return _status with { Generation = _index.Generation };
        }
    }

    /// <summary>Starts a rebuild from the kept originals; false (with the running one's status) when one is already running.</summary>
    public bool TryStart(out ReindexStatus status)
    {
        lock (_lock)
        {
            if (_status.State == ReindexState.Running)
            {
                status = _status;
                return false;
            }
            _status = new ReindexStatus(ReindexState.Running, _index.Generation, _clock.GetUtcNow(), null, 0, 0, 0, [], null);
            status = _status;
            _running = Task.Run(Run);
            return true;
        }
    }

    private void Run()
    {
        LogStarted(_logger, _index.Generation);
        try
        {
            var result = _index.Rebuild(progress: ReportProgress, cancellationToken: _stopping.Token);
            // The new generation starts with no related lists: they are computed in the background while it serves.
            using (var lease = _index.Acquire()) RelatedLists.For(lease.Index, _relatedModel).Start(message => LogRelated(_logger, message), load: _activity, shareUnderLoad: _fillShareUnderLoad);
            Finish(s => s with { State = ReindexState.Succeeded, Indexed = result.Report.Indexed.Count, Failures = result.Report.Failed });
            LogSucceeded(_logger, result.Generation, result.Report.Indexed.Count, result.Report.Failed.Count, result.Report.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            Finish(s => s with { State = ReindexState.Cancelled, Error = "The service stopped before the rebuild finished; the previous index is still served." });
        }
        catch (Exception e)
        {
            LogFailed(_logger, e);
            Finish(s => s with { State = ReindexState.Failed, Error = $"The rebuild failed ({e.GetType().Name}: {e.Message}); the previous index is still served." });
        }
    }

    private void ReportProgress(string file, int processed, int total)
    {
        lock (_lock) _status = _status with { Processed = processed, Total = total };
    }

    private void Finish(Func<ReindexStatus, ReindexStatus> change)
    {
        lock (_lock) _status = change(_status) with { FinishedAt = _clock.GetUtcNow() };
    }

    public void Dispose()
    {
        _stopping.Cancel();
        // The rebuild checks for cancellation between briefs, so this wait is short; the index is disposed after.
        _running.Wait(TimeSpan.FromSeconds(30));
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reindex started from generation {Generation}")]
    private static partial void LogStarted(ILogger logger, int generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reindex done: generation {Generation} serves {Indexed} briefs ({Failed} kept as before), built in {Seconds:F1} s")]
    private static partial void LogSucceeded(ILogger logger, int generation, int indexed, int failed, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogRelated(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reindex failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
