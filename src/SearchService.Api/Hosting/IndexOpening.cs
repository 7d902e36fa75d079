using SearchService.Core.Indexing;

namespace SearchService.Api.Hosting;

/// <summary>
/// The index while it is being opened (or built from the briefs folder) after the service starts listening: the
/// liveness and readiness probes answer meanwhile, every other request waits for <see cref="Opened"/>.
/// </summary>
public sealed class IndexOpening
{
    private readonly TaskCompletionSource<LiveIndex> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the open index, or fails with the reason it could not be opened.</summary>
    public Task<LiveIndex> Opened => _opened.Task;

    /// <summary>The index once open; null before (and when opening failed).</summary>
    public LiveIndex? IfOpen => _opened.Task.IsCompletedSuccessfully ? _opened.Task.Result : null;

    internal void Succeeded(LiveIndex index) => _opened.TrySetResult(index);

    internal void Failed(Exception reason) => _opened.TrySetException(reason);
}
