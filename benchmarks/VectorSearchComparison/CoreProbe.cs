using System.Diagnostics;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Indexing.Vectors;
using SearchService.Core.Relevance;

namespace VectorSearchComparison;

/// <summary>
/// The service's own path (<see cref="VectorSearch.Nearest"/> on a <see cref="BriefIndex"/> of SciFact) with every
/// segment scanned exactly and with every segment searched through its HNSW file: recall@100 of the second against
/// the first, latency at the depths the callers ask for, and what a reopened index costs.
/// </summary>
internal static class CoreProbe
{
    public static void Run(Options options, MatrixRows claims, Report report)
    {
        var dataset = BeirDataset.Load(options.Dataset);
        using var encoder = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        using var cache = new EmbeddingCache(Path.Combine(Path.GetTempPath(), "vs-embedding-cache"), encoder.ModelName, encoder.Dimensions);
        var embedder = new PassageEmbedder(encoder, cache);
        var queries = Enumerable.Range(0, (int)claims.Count).Select(i => claims.Row(i).ToArray()).ToArray();
        var root = Path.Combine(options.WorkFolder, "core");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);

        report.Heading("The service's path (VectorSearch.Nearest on a SciFact BriefIndex, one merged segment)");
        var exactOptions = new VectorIndexOptions { ExactScanMaxRows = int.MaxValue };
        var hnswOptions = new VectorIndexOptions { ExactScanMaxRows = 0 };
        using var exact = BriefIndex.Open(Path.Combine(root, "exact"), exactOptions);
        BeirIndexer.Index(exact, dataset, embedder);
        var stopwatch = Stopwatch.StartNew();
        var hnswPath = Path.Combine(root, "hnsw");
        using (var built = BriefIndex.Open(hnswPath, hnswOptions))
        {
            BeirIndexer.Index(built, dataset, embedder);
            report.Line($"Indexed with HNSW files in {stopwatch.Elapsed.TotalSeconds:F1} s ({built.Vectors.Builds} HNSW builds by merges, files: {string.Join(", ", Directory.GetFiles(built.Vectors.Folder).Select(Path.GetFileName))}).");
        }
        stopwatch.Restart();
        using var hnsw = BriefIndex.Open(hnswPath, hnswOptions);
        var opened = stopwatch.Elapsed.TotalMilliseconds;

        report.Table("k", "exact p50 / p99 ms", "HNSW p50 / p99 ms", "recall@k of HNSW vs exact", "same top-10");
        foreach (var k in new[] { 100, 300, 800 })
        {
            var truth = queries.Select(q => Nearest(exact, q, k)).ToArray();
            var found = queries.Select(q => Nearest(hnsw, q, k)).ToArray();
            var recall = truth.Select((t, i) => t.Intersect(found[i]).Count() / (double)t.Length).Average();
            var top10 = truth.Select((t, i) => t.Take(10).SequenceEqual(found[i].Take(10)) ? 1.0 : 0).Average();
            var (e50, e99) = Latency(queries, q => Nearest(exact, q, k));
            var (h50, h99) = Latency(queries, q => Nearest(hnsw, q, k));
            report.Row($"{k}", $"{e50:F2} / {e99:F2}", $"{h50:F2} / {h99:F2}", $"{recall:F4}", $"{top10:P1}");
        }
        report.Line($"Reopened in {opened:F0} ms: {hnsw.Vectors.Builds} builds, {hnsw.Vectors.FilesOpened} HNSW files memory-mapped.");
    }

    private static int[] Nearest(BriefIndex index, float[] query, int k)
    {
        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
        return VectorSearch.Nearest(searcher, SearchService.Core.Indexing.IndexFields.Vector, query, k).Select(h => h.Doc).ToArray();
    }

    private static (double P50, double P99) Latency(float[][] queries, Action<float[]> search)
    {
        foreach (var query in queries.Take(5)) search(query);
        var times = new List<double>();
        foreach (var query in queries)
        {
            var stopwatch = Stopwatch.StartNew();
            search(query);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))]);
    }
}
