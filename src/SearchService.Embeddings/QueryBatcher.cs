namespace SearchService.Embeddings;

/// <summary>
/// Encodes queries on threads of its own, several per model call: while every thread is in a call, the queries that
/// arrive wait, and the next thread free takes them all (up to <see cref="MaxBatch"/> and
/// <see cref="PaddedTokenBudget"/>) as one padded batch. A lone query is run at once: nothing waits for company.
/// </summary>
/// <remarks>
/// A short query's model call costs mostly a fixed amount per call (reading the model's weights, most likely), which a
/// batch shares: per query on one core, MiniLM 2.6 ms alone and 1.7 in batches of 4–8, Arctic-embed-xs 4.1 and 3.4
/// (docs/serving.md, "Query encoding"). Long texts are compute-bound and gain nothing, hence the padded budget.
/// A model on int8 weights reads a quarter of the bytes per call and is run one query per call (see the constructor).
/// The pieces of a long text searched for wait behind every query: a search box's query is not held up by an
/// analyst's pasted report for longer than the one piece being encoded.
/// </remarks>
internal sealed class QueryBatcher : IDisposable
{
    /// <summary>Most queries in one model call (past 8 the measured cost per query rose again).</summary>
    internal const int MaxBatch = 8;

    /// <summary>Most word pieces in one call, padding included: batch size × its longest query.</summary>
    internal const int PaddedTokenBudget = 256;

    private readonly Func<IReadOnlyList<long[]>, float[][]> _encodeBatch;
    private readonly int _maxBatch;
    private readonly Queue<PendingQuery> _queue = new();
    private readonly Queue<PendingQuery> _pieces = new();
    private readonly Thread[] _threads;
    private bool _stopping;
    private long _calls;
    private long _queries;

    /// <param name="encodeBatch">Encodes word-piece id sequences, one vector each, in order; called on the batcher's threads.</param>
    /// <param name="name">Names the threads (diagnostics).</param>
    /// <param name="threads">Model calls that may run at once.</param>
    /// <param name="maxBatch">
    /// Most queries in one call: <see cref="MaxBatch"/>, or 1 for a model whose vectors would depend on the company a
    /// query keeps (int8 weights: the inputs of each product are quantised with one scale for the whole batch).
    /// </param>
    public QueryBatcher(Func<IReadOnlyList<long[]>, float[][]> encodeBatch, string name, int threads = 1, int maxBatch = MaxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBatch, MaxBatch);
        _encodeBatch = encodeBatch;
        _maxBatch = maxBatch;
        _threads = Enumerable.Range(0, threads).Select(i => new Thread(Run) { IsBackground = true, Name = $"{name} #{i + 1}" }).ToArray();
        foreach (var thread in _threads) thread.Start();
    }

    /// <summary>How many model calls have been made, and for how many queries (for tests and diagnostics).</summary>
    public (long Calls, long Queries) Counts
    {
        get
        {
            lock (_queue) return (_calls, _queries);
        }
    }

    /// <summary>
    /// Queues one query's word-piece ids; the task completes with its vector. A <paramref name="piece"/> of a long text
    /// is taken only when no query waits.
    /// </summary>
    public Task<float[]> Encode(long[] inputIds, CancellationToken cancellationToken, bool piece = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingQuery(inputIds, cancellationToken);
        lock (_queue)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            (piece ? _pieces : _queue).Enqueue(pending);
            Monitor.Pulse(_queue);
        }

        return pending.Completion.Task;
    }

    /// <summary>Encodes what is queued, then stops the threads.</summary>
    public void Dispose()
    {
        lock (_queue)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.PulseAll(_queue);
        }

        foreach (var thread in _threads) thread.Join();
    }

    private void Run()
    {
        var batch = new List<PendingQuery>(MaxBatch);
        while (true)
        {
            lock (_queue)
            {
                while (_queue.Count + _pieces.Count == 0 && !_stopping) Monitor.Wait(_queue);
                if (_queue.Count + _pieces.Count == 0) return;
                TakeBatch(batch, _queue.Count > 0 ? _queue : _pieces);
                if (_queue.Count + _pieces.Count > 0) Monitor.Pulse(_queue); // what did not fit: another thread may be free for it
                if (batch.Count == 0) continue;
                _calls++;
                _queries += batch.Count;
            }

            try
            {
                var vectors = _encodeBatch(batch.Select(query => query.InputIds).ToArray());
                for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(vectors[i]);
            }
            catch (Exception e)
            {
                foreach (var query in batch) query.Completion.TrySetException(e);
            }

            batch.Clear();
        }
    }

    /// <summary>The oldest of <paramref name="queue"/>, in order, while they fit the batch; one nobody waits for any more is dropped.</summary>
    private void TakeBatch(List<PendingQuery> batch, Queue<PendingQuery> queue)
    {
        var longest = 0;
        while (queue.Count > 0 && batch.Count < _maxBatch)
        {
            var next = queue.Peek();
            if (next.CancellationToken.IsCancellationRequested)
            {
                queue.Dequeue().Completion.TrySetCanceled(next.CancellationToken);
                continue;
            }

            var padded = Math.Max(longest, next.InputIds.Length) * (batch.Count + 1);
            if (batch.Count > 0 && padded > PaddedTokenBudget) break;
            longest = Math.Max(longest, next.InputIds.Length);
            batch.Add(queue.Dequeue());
        }
    }

    private sealed class PendingQuery(long[] inputIds, CancellationToken cancellationToken)
    {
        public long[] InputIds { get; } = inputIds;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        // Completed on the batcher's thread; whoever awaits continues elsewhere, so the thread goes on encoding.
        public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
