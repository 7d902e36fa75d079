using SearchService.Embeddings;

namespace SearchService.Core.Tests.Semantic;

/// <summary>
/// Encodes queries only once <see cref="Open"/> is called, and counts both ways of asking: a caller that awaits
/// (nothing blocks while the gate is shut) and one that waits on its own thread (<see cref="BlockingCalls"/>).
/// </summary>
internal sealed class GatedEncoder(ITextEncoder inner) : ITextEncoder
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private int _blockingCalls;

    public int Started => Volatile.Read(ref _started);
    public int BlockingCalls => Volatile.Read(ref _blockingCalls);
    public int Dimensions => inner.Dimensions;
    public string ModelName => inner.ModelName;
    public int MaxTokens => inner.MaxTokens;
    public SimilarityScale Similarity => inner.Similarity;

    public void Open() => _gate.SetResult();

    public float[] EncodeQuery(string query, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _blockingCalls);
        return inner.EncodeQuery(query, cancellationToken);
    }

    public async Task<float[]> EncodeQueryAsync(string query, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _started);
        await _gate.Task.WaitAsync(cancellationToken);
        return await inner.EncodeQueryAsync(query, cancellationToken);
    }

    public async Task<float[]> EncodeQueryPieceAsync(string piece, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _started);
        // Opens by itself after a while: a search that waited for the pieces on its own thread then fails its test
        // (it came back completed) instead of hanging the run.
        await Task.WhenAny(_gate.Task, Task.Delay(TimeSpan.FromSeconds(20), cancellationToken));
        return await inner.EncodeQueryPieceAsync(piece, cancellationToken);
    }

    public float[] EncodePassage(string passage, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _blockingCalls);
        return inner.EncodePassage(passage, cancellationToken);
    }

    public float[][] EncodePassages(IReadOnlyList<string> passages, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _blockingCalls);
        return inner.EncodePassages(passages, progress, cancellationToken);
    }

    public void Dispose() { /* the shared encoder belongs to the fixture */ }
}
