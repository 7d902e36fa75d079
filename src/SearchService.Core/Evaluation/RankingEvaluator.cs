using System.Diagnostics;
using SearchService.Core.Relevance;

namespace SearchService.Core.Evaluation;

/// <summary>
/// Runs every judged query of a dataset through a ranking function and scores the rankings.
/// As BEIR does, a result whose id equals the query id is ignored (queries that are documents too).
/// </summary>
public static class RankingEvaluator
{
    /// <summary>Ranks corpus ids for a query: (query id, query text) → ids, best first.</summary>
    public delegate IReadOnlyList<string> Ranker(string queryId, string queryText);

    public static EvaluationReport Evaluate(BeirDataset dataset, Ranker rank, string mode, string task, double indexSeconds)
    {
        var judged = dataset.Judgments.Where(j => dataset.Queries.ContainsKey(j.Key)).OrderBy(j => j.Key, StringComparer.Ordinal).ToList();

        // A query that fails is counted, reported and scored as an empty ranking: one bad query never ends a run.
        var errors = 0;
        string? firstError = null;
        IReadOnlyList<string> RankSafely(string id, bool counted)
        {
            try
            {
                return rank(id, dataset.Queries[id]);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!counted) return [];
                errors++;
                firstError ??= $"query {id}: {e.GetType().Name}: {e.Message}";
                return [];
            }
        }

        WarmUp(judged, j => RankSafely(j.Key, counted: false));

        var ndcg = new List<double>();
        var recall = new List<double>();
        var mrr = new List<double>();
        var latencies = new List<double>();
        foreach (var (queryId, relevance) in judged)
        {
            var stopwatch = Stopwatch.StartNew();
            var ranked = RankSafely(queryId, counted: true);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);

            var withoutQuery = ranked.Where(id => id != queryId).ToList();
            ndcg.Add(RankingMetrics.NdcgAt(10, withoutQuery, relevance));
            recall.Add(RankingMetrics.RecallAt(100, withoutQuery, relevance));
            mrr.Add(RankingMetrics.MrrAt(10, withoutQuery, relevance));
        }

        return new EvaluationReport(
            dataset.Name, mode, task, judged.Count,
            Math.Round(ndcg.DefaultIfEmpty().Average(), 4),
            Math.Round(recall.DefaultIfEmpty().Average(), 4),
            Math.Round(mrr.DefaultIfEmpty().Average(), 4),
            Math.Round(RankingMetrics.Percentile(latencies, 50), 3),
            Math.Round(RankingMetrics.Percentile(latencies, 99), 3),
            Math.Round(indexSeconds, 1),
            dataset.Corpus.Count)
        {
            Errors = errors,
            FirstError = firstError,
        };
    }

    /// <summary>Per-query milliseconds of <paramref name="run"/> over <paramref name="queries"/>, warm.</summary>
    public static List<double> Latencies(IReadOnlyList<string> queries, Action<string> run)
    {
        WarmUp(queries, run);
        var latencies = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var stopwatch = Stopwatch.StartNew();
            run(query);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    /// <summary>
    /// One untimed pass: the latency figures are for a warm service (JIT tiered up, caches filled), as the
    /// targets are stated. Rankings are deterministic, so quality figures are the same.
    /// </summary>
    private static void WarmUp<T>(IEnumerable<T> queries, Action<T> run)
    {
        foreach (var query in queries) run(query);
        // The garbage of building the index is not the queries' to collect.
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
