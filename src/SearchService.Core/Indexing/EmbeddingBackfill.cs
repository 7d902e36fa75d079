using System.Diagnostics;
using SearchService.Core.Indexing;

namespace SearchService.Core.Indexing;

/// <summary>
/// Gives vectors to the briefs of a live index that were indexed as text only (a large first build indexes text
/// first, so keyword search answers while the slow encoder works), a batch at a time, with progress. Vectors go to
/// the embedding cache as they are encoded, so a run stopped half-way resumes where it stopped.
/// </summary>
public sealed class EmbeddingBackfill(LiveIndex index)
{
    /// <summary>Briefs embedded per commit.</summary>
    public const int BatchSize = 16;
    private int _pending;
    private int _done;
    private int _running;

    /// <summary>Briefs still without vectors in the current run.</summary>
    public int Pending => Volatile.Read(ref _pending);
    /// <summary>Briefs given vectors by this process.</summary>
    public int Done => Volatile.Read(ref _done);
    public bool Running => Volatile.Read(ref _running) == 1;

    /// <summary>Embeds every brief without vectors; returns how many gained them. One brief that fails is reported and skipped.</summary>
    public int Run(Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) throw new InvalidOperationException("The embedding backfill is already running.");
        try
        {
            if (!index.Embeds) return 0;
            List<string> ids;
            using (var lease = index.Acquire()) ids = lease.Index.BriefsWithoutVectors();
            Volatile.Write(ref _pending, ids.Count);
            if (ids.Count == 0) return 0;
            log?.Invoke($"Embedding {ids.Count} briefs indexed as text only, in the background");
            var stopwatch = Stopwatch.StartNew();
            var written = 0;
            var nextReport = 0;
            for (var start = 0; start < ids.Count; start += BatchSize)
            {
                var batch = ids.GetRange(start, Math.Min(BatchSize, ids.Count - start));
                try
                {
                    written += index.AddVectors(batch, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log?.Invoke($"Embedding briefs {string.Join(", ", batch)} failed ({e.GetType().Name}: {e.Message}); they stay keyword-only until the next start");
                }
                Interlocked.Add(ref _done, batch.Count);
                Volatile.Write(ref _pending, ids.Count - start - batch.Count);
                if (start + batch.Count >= nextReport)
                {
                    nextReport += 500;
                    log?.Invoke($"Embedding: {start + batch.Count}/{ids.Count} briefs in {stopwatch.Elapsed.TotalSeconds:F0} s");
                }
            }
            log?.Invoke($"Embedding done: {written} briefs gained vectors in {stopwatch.Elapsed.TotalSeconds:F0} s");
            return written;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
