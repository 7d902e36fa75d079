namespace SearchService.Embeddings.Tests;

/// <summary>The batching policy, with a stand-in for the model that records each call and can be held.</summary>
public sealed class QueryBatcherTests : IDisposable
{
    private readonly RecordingModel _model = new();
    private readonly QueryBatcher _batcher;

    public QueryBatcherTests() => _batcher = new QueryBatcher(_model.Encode, "test");

    public void Dispose()
    {
        _model.Release.Set(); // a failed test may leave a call held, and disposing waits for the batcher's threads
        _batcher.Dispose();
    }

    private sealed class RecordingModel
    {
        public ManualResetEventSlim Release { get; } = new(initialState: true);

        public ManualResetEventSlim Started { get; } = new();

        /// <summary>Released once per call, as it starts.</summary>
        public SemaphoreSlim Entered { get; } = new(0);

        public List<int[]> Calls { get; } = [];

        public float[][] Encode(IReadOnlyList<long[]> batch)
        {
            lock (Calls) Calls.Add(batch.Select(ids => (int)ids[0]).ToArray());
            Started.Set();
            Entered.Release();
            Release.Wait();
            if (batch.Any(ids => ids[0] < 0)) throw new InvalidOperationException("bad input");
            return batch.Select(ids => new float[] { ids[0], ids.Length }).ToArray();
        }
    }

    private static long[] Ids(int tag, int length = 4) => [tag, .. new long[length - 1]];

    /// <summary>Queues query 0 and returns once its model call has started and is held until <c>Release</c> is set.</summary>
    private Task<float[]> HoldFirstCall()
    {
        _model.Release.Reset();
        var first = _batcher.Encode(Ids(0), CancellationToken.None);
        _model.Started.Wait();
        return first;
    }

    [Fact]
    public async Task QueriesThatArriveDuringACallShareTheNextOnesUpToTheBatchSize()
    {
        var first = HoldFirstCall();
        var waiting = Enumerable.Range(1, QueryBatcher.MaxBatch + 3).Select(i => _batcher.Encode(Ids(i), CancellationToken.None)).ToArray();
        _model.Release.Set();

        var results = await Task.WhenAll([first, .. waiting]);

        Assert.Equal(Enumerable.Range(0, QueryBatcher.MaxBatch + 4), results.Select(vector => (int)vector[0]));
        Assert.Equal([1, QueryBatcher.MaxBatch, 3], _model.Calls.Select(call => call.Length));
        Assert.Equal((3L, QueryBatcher.MaxBatch + 4L), _batcher.Counts);
    }

    [Fact]
    public async Task ALongQueryIsNotPaddedWithShortOnes()
    {
        var first = HoldFirstCall();
        var shortOne = _batcher.Encode(Ids(1, length: 10), CancellationToken.None);
        var longOne = _batcher.Encode(Ids(2, length: QueryBatcher.PaddedTokenBudget), CancellationToken.None);
        var shortAfter = _batcher.Encode(Ids(3, length: 10), CancellationToken.None);
        _model.Release.Set();

        await Task.WhenAll(first, shortOne, longOne, shortAfter);

        Assert.Equal([[0], [1], [2], [3]], _model.Calls);
    }

    [Fact]
    public async Task PiecesOfALongTextWaitBehindEveryQuery()
    {
        var first = HoldFirstCall();
        var pieces = new[] { 1, 2, 3 }.Select(i => _batcher.Encode(Ids(i), CancellationToken.None, piece: true)).ToArray();
        var query = _batcher.Encode(Ids(4), CancellationToken.None);
        _model.Release.Set();

        await Task.WhenAll([first, query, .. pieces]);

        var order = _model.Calls.SelectMany(call => call).ToList();
        Assert.Equal([0, 4, 1, 2, 3], order); // the query queued last is encoded first once the call in flight ends
        Assert.Equal([1f, 2f, 3f], (await Task.WhenAll(pieces)).Select(vector => vector[0]));
    }

    [Fact]
    public async Task AFailedCallFailsItsQueriesOnlyAndACancelledQueryIsDropped()
    {
        var first = HoldFirstCall();
        using var cancel = new CancellationTokenSource();
        var cancelled = _batcher.Encode(Ids(1), cancel.Token);
        var bad = _batcher.Encode(Ids(-1), CancellationToken.None);
        cancel.Cancel();
        _model.Release.Set();

        Assert.Equal(0f, (await first)[0]);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(7f, (await _batcher.Encode(Ids(7), CancellationToken.None))[0]);
        Assert.DoesNotContain(_model.Calls, call => call.Contains(1));
    }

    [Fact]
    public async Task DisposeEncodesWhatIsQueuedThenRefusesMore()
    {
        var first = HoldFirstCall();
        var queued = _batcher.Encode(Ids(1), CancellationToken.None);
        var disposing = Task.Run(_batcher.Dispose);
        _model.Release.Set();
        await disposing;

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(queued.IsCompletedSuccessfully);
        Assert.Equal(1f, (await queued)[0]);
        Assert.Throws<ObjectDisposedException>(() => { _ = _batcher.Encode(Ids(2), CancellationToken.None); });
    }

    [Fact]
    public async Task WithTwoThreadsASecondQueryDoesNotWaitForTheFirstCall()
    {
        var model = new RecordingModel();
        using var batcher = new QueryBatcher(model.Encode, "test", threads: 2);
        model.Release.Reset();
        try
        {
            var first = batcher.Encode(Ids(0), CancellationToken.None);
            Assert.True(model.Entered.Wait(TimeSpan.FromSeconds(30)), "the first call should start");
            var second = batcher.Encode(Ids(1), CancellationToken.None);
            Assert.True(model.Entered.Wait(TimeSpan.FromSeconds(30)), "the second call should start while the first is held");
            model.Release.Set();

            await Task.WhenAll(first, second);
            Assert.Equal([[0], [1]], model.Calls.OrderBy(call => call[0]));
        }
        finally
        {
            model.Release.Set(); // never leave a thread held: disposing the batcher waits for its threads
        }
    }
}
