using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lucene.Net.Util;
using SearchService.Core.Semantic;
using VectorSearchComparison;
using static SearchService.Core.Indexing.Vectors.USearchNative;
using SearchService.Core.Indexing.Vectors;

// Compares exact float search, an exact int8 scan and USearch HNSW (int8, float16) on SciFact's real passage
// vectors and on 600 k / 3 M vectors derived from them: recall@100 against exact float search, single-thread
// latency, build time, memory and file size. Writes Markdown tables (docs/vector-search.md holds a run).
//
//   dotnet run -c Release --project benchmarks/VectorSearchComparison -- --dataset ../shared/datasets/scifact --sets real,600k,3m
//   dotnet run -c Release --project benchmarks/VectorSearchComparison -- --dataset ../shared/datasets/scifact --core
// (--core: the service's own VectorSearch on SciFact BriefIndexes, exact against HNSW. --configs i8-16-128,f16-16-128:
// those HNSW settings only; --reuse: search the files an earlier run saved instead of building; --skip-exact.)

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
var (passages, claims) = SciFactVectors.Load(options.Dataset, options.CacheFolder);
Directory.CreateDirectory(options.WorkFolder);
var report = new Report(options.Output);
report.Line($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, `{string.Join(' ', args)}`.");
report.Line($"SciFact: {passages.Count:N0} passages × {passages.Dimensions} dimensions (minilm+arctic), {claims.Count} test claims as queries.");

if (options.Core)
{
    CoreProbe.Run(options, claims, report);
    report.Flush();
    return 0;
}

foreach (var set in options.Sets)
{
    var (rows, queries) = set switch
    {
        "real" => ((IRowSource)passages, Enumerable.Range(0, (int)claims.Count).Select(i => claims.Row(i).ToArray()).ToArray()),
        _ => Derived(set),
    };
    new Experiment(rows, queries, options, report).Run();
}
report.Flush();
return 0;

(IRowSource, float[][]) Derived(string set)
{
    var count = set switch { "600k" => 600_000L, "3m" => 3_000_000L, _ => long.Parse(set, CultureInfo.InvariantCulture) };
    var rows = new DerivedRows($"{set} derived", passages, count, options.Noise, seed: 1);
    // Held out: derived with another seed, so no query is a row of the set.
    var held = new DerivedRows("queries", passages, count > 1_000_000 ? 100 : 300, options.Noise, seed: 2);
    var queries = Enumerable.Range(0, (int)held.Count).Select(i => { var v = new float[held.Dimensions]; held.Row(i, v); return v; }).ToArray();
    return (count <= 1_000_000 ? Materialise(rows) : rows, queries);
}

static MatrixRows Materialise(IRowSource rows)
{
    var matrix = new float[rows.Count * rows.Dimensions];
    Parallel.For(0L, rows.Count, row => rows.Row(row, matrix.AsSpan((int)(row * rows.Dimensions), rows.Dimensions)));
    return new MatrixRows(rows.Name, matrix, rows.Dimensions);
}

internal sealed record Options(string Dataset, string CacheFolder, string WorkFolder, string[] Sets, float Noise, string? Output, bool SingleThreadBuilds, bool Core, string[]? Configs, bool Reuse, bool SkipExact)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        return new Options(
            Value("--dataset", "../shared/datasets/scifact"),
            Value("--cache", Path.Combine(Path.GetTempPath(), "vs-vectors")),
            Value("--work", Path.Combine(Path.GetTempPath(), "vs-bench")),
            Value("--sets", "real,600k").Split(','),
            float.Parse(Value("--noise", "0.5"), CultureInfo.InvariantCulture),
            args.Contains("--out") ? Value("--out", "") : null,
            args.Contains("--single-thread-builds"),
            args.Contains("--core"),
            args.Contains("--configs") ? Value("--configs", "").Split(',') : null,
            args.Contains("--reuse"),
            args.Contains("--skip-exact"));
    }
}

/// <summary>Every method on one set of vectors and queries.</summary>
internal sealed class Experiment(IRowSource rows, float[][] queries, Options options, Report report)
{
    private const int K = 100;
    private const int Rescored = 400;
    private long[][] _truth = [];

    public void Run()
    {
        report.Heading($"{rows.Name}: {rows.Count:N0} vectors, {queries.Length} queries");
        var stopwatch = Stopwatch.StartNew();
        _truth = ExactScan.TopK(rows, queries, K);
        report.Line($"Exact float top-{K} of every query (ground truth, 2 threads): {stopwatch.Elapsed.TotalSeconds:F1} s.");
        report.Table("method", "build s (threads)", "memory MB", "file MB", "ef", "candidates", "recall@100", "p50 ms", "p99 ms", "with re-score p50 / p99 ms");

        if (!options.SkipExact)
        {
            if (rows is MatrixRows matrix) ExactFloat(matrix);
            // At 3 M rows the int8 scan's cost is five times 600 k's (it is linear), and its copy would take 2.3 GB more.
            if (rows.Count <= 1_000_000) Int8();
        }
        foreach (var config in Configs()) Hnsw(config.Settings, config.Threads);
        // Both search the int8 M=16 file a run with that configuration saved.
        if (rows.Count >= 500_000 && rows is MatrixRows && File.Exists(FileOf(new HnswSettings(ScalarKind.Int8, 16, 128, Rescored))))
        {
            Concurrent();
            Filtered();
        }
    }

    private IEnumerable<(HnswSettings Settings, int[] Threads)> Configs()
    {
        if (options.Configs is { } chosen)
        {
            foreach (var config in chosen) yield return (Parse(config), [2]);
            yield break;
        }
        var twoThreads = options.SingleThreadBuilds ? new[] { 1, 2 } : [2];
        if (rows.Count < 100_000)
        {
            yield return (new HnswSettings(ScalarKind.Int8, 16, 64, 64), [2]);
            yield return (new HnswSettings(ScalarKind.Int8, 16, 128, 64), [1, 2]);
            yield return (new HnswSettings(ScalarKind.Int8, 32, 128, 64), [1, 2]);
            yield return (new HnswSettings(ScalarKind.Float16, 16, 128, 64), [1, 2]);
            yield return (new HnswSettings(ScalarKind.Float16, 32, 128, 64), [1, 2]);
        }
        else if (rows.Count <= 1_000_000)
        {
            yield return (new HnswSettings(ScalarKind.Int8, 16, 128, 64), twoThreads);
            yield return (new HnswSettings(ScalarKind.Float16, 16, 128, 64), [2]);
            yield return (new HnswSettings(ScalarKind.Int8, 32, 128, 64), [2]);
        }
        else
        {
            yield return (new HnswSettings(ScalarKind.Int8, 16, 128, 64), [2]);
        }
    }

    /// <summary>"i8-16-128": quantisation, connectivity, expansion when adding.</summary>
    private static HnswSettings Parse(string config)
    {
        var parts = config.Split('-');
        var scalar = parts[0] switch { "i8" => ScalarKind.Int8, "f16" => ScalarKind.Float16, _ => ScalarKind.Float32 };
        return new HnswSettings(scalar, int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), 64);
    }

    private void ExactFloat(MatrixRows matrix)
    {
        var sample = queries.Take(Math.Min(queries.Length, rows.Count > 100_000 ? 20 : 300)).ToArray();
        var (p50, p99) = Latency(sample, q => ExactScan.Scan(matrix, q, K));
        report.Row("exact float32 scan", "-", Mb(rows.Count * rows.Dimensions * 4L), "-", "-", "all", "1.000", p50, p99, "-");
    }

    private void Int8()
    {
        var before = Memory.Anonymous;
        var stopwatch = Stopwatch.StartNew();
        using var flat = new Int8Flat(rows);
        var build = stopwatch.Elapsed.TotalSeconds;
        var memory = Memory.Anonymous - before;
        var sample = queries.Take(rows.Count > 100_000 ? 20 : queries.Length).ToArray();
        var raw = Recall(sample.Select(q => flat.Scan(q, K)).ToArray());
        var rescored = Recall(sample.Select(q => ExactScan.Rescore(rows, q, flat.Scan(q, Rescored).Select(r => (ulong)r).ToArray(), K)).ToArray());
        var (p50, p99) = Latency(sample, q => flat.Scan(q, K));
        report.Row("exact int8 scan (per-vector scale)", $"{build:F1} (2)", Mb(memory), "-", "-", "100", $"{raw:F3}", p50, p99, "-");
        var (r50, r99) = Latency(sample, q => ExactScan.Rescore(rows, q, flat.Scan(q, Rescored).Select(r => (ulong)r).ToArray(), K));
        report.Row("exact int8 scan + float re-score", "", "", "", "-", $"{Rescored} → re-score", $"{rescored:F3}", "", "", $"{r50:F2} / {r99:F2}");
    }

    private void Hnsw(HnswSettings settings, int[] threadCounts)
    {
        var name = $"HNSW {settings.Quantization} M={settings.Connectivity} ef_add={settings.ExpansionAdd}";
        var path = FileOf(settings);
        var builds = new List<string>();
        long memory = 0;
        foreach (var threads in options.Reuse && File.Exists(path) ? [] : threadCounts)
        {
            GC.Collect();
            var before = Memory.Anonymous;
            var stopwatch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using var index = HnswIndex.Create(rows.Dimensions, settings, rows.Count, threads);
            var added = 0L;
            Parallel.For(0L, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new float[rows.Dimensions], (row, _, buffer) =>
            {
                rows.Row(row, buffer);
                index.Add((ulong)row, buffer);
                if (Interlocked.Increment(ref added) % 100_000 == 0) Console.Error.WriteLine($"{name}: {added:N0} added, {stopwatch.Elapsed.TotalSeconds:F0} s");
                return buffer;
            }, _ => { });
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            builds.Add($"{stopwatch.Elapsed.TotalSeconds:F1} ({threads}; {cpuSeconds:F0} s CPU)");
            memory = Memory.Anonymous - before;
            index.Save(path);
        }
        if (builds.Count == 0) builds.Add("(file of an earlier run)");
        var fileSize = new FileInfo(path).Length;

        GC.Collect();
        var beforeView = Memory.Snapshot();
        var opening = Stopwatch.StartNew();
        using var view = HnswIndex.View(path, rows.Dimensions, settings);
        var viewMs = opening.Elapsed.TotalMilliseconds;
        var first = true;
        foreach (var ef in new[] { 64, 128, 256, 512 })
        {
            view.SetSearchExpansion(ef);
            var recall = Recall(queries.Select(q => Search(view, q, K)).ToArray());
            var (p50, p99) = Latency(queries, q => Search(view, q, K));
            report.Row(first ? name : "", first ? string.Join(", ", builds) : "", first && memory > 0 ? Mb(memory) : "", first ? Mb(fileSize) : "", $"{ef}", $"{K}", $"{recall:F3}", p50, p99, "-");
            first = false;
        }
        foreach (var ef in new[] { Rescored, 2 * Rescored })
        {
            view.SetSearchExpansion(ef);
            var recall = Recall(queries.Select(q => RescoredSearch(view, q)).ToArray());
            var (p50, p99) = Latency(queries, q => Search(view, q, Rescored));
            var rescore = rows is MatrixRows ? Latency(queries, q => RescoredSearch(view, q)) : (double.NaN, double.NaN);
            report.Row("", "", "", "", $"{ef}", $"{Rescored} → re-score", $"{recall:F3}", p50, p99,
                rows is MatrixRows ? $"{rescore.Item1:F2} / {rescore.Item2:F2}" : "-");
        }
        var after = Memory.Snapshot();
        report.Line($"{name}: opened (memory-mapped) in {viewMs:F1} ms; after the queries, resident +{Mb(after.Anonymous - beforeView.Anonymous)} MB anonymous, +{Mb(after.File - beforeView.File)} MB of mapped files.");
    }

    /// <summary>Eight clients at once against the memory-mapped int8 index, each asking for 400 candidates and re-scoring them.</summary>
    private void Concurrent()
    {
        var settings = new HnswSettings(ScalarKind.Int8, 16, 128, Rescored);
        var path = FileOf(settings);
        using var view = HnswIndex.View(path, rows.Dimensions, settings);
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, client =>
        {
            for (var round = 0; round < 3; round++)
            {
                foreach (var query in queries.Skip(client * 37 % queries.Length).Concat(queries.Take(client * 37 % queries.Length)))
                {
                    var one = Stopwatch.StartNew();
                    RescoredSearch(view, query);
                    times.Add(one.Elapsed.TotalMilliseconds);
                }
            }
        });
        var sorted = times.Order().ToArray();
        report.Line($"8 concurrent clients (threads), int8 M=16, 400 candidates re-scored: {sorted.Length / stopwatch.Elapsed.TotalSeconds:F0} queries/s, p50 {sorted[sorted.Length / 2]:F2} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:F2} ms.");
    }

    /// <summary>A filter accepting a share of the rows: searched inside the graph, or by over-sampling and dropping, or exactly.</summary>
    private void Filtered()
    {
        var settings = new HnswSettings(ScalarKind.Int8, 16, 128, Rescored);
        var path = FileOf(settings);
        using var view = HnswIndex.View(path, rows.Dimensions, settings);
        var sample = queries.Take(100).ToArray();
        report.Table("filter accepts", "method", "recall@100", "results found (mean)", "p50 ms", "p99 ms");
        foreach (var share in new[] { 0.5, 0.1, 0.01 })
        {
            var accepted = new FixedBitSet((int)rows.Count);
            var random = new Random(7);
            for (var row = 0; row < rows.Count; row++) if (random.NextDouble() < share) accepted.Set(row);
            var truth = ExactScan.TopK(rows, sample, K, row => accepted.Get((int)row));

            long[] InGraph(float[] q)
            {
                var keys = new ulong[Rescored];
                var found = view.Search(q, keys, new float[Rescored], null, accepted);
                return ExactScan.Rescore(rows, q, keys.AsSpan(0, found), K);
            }
            long[] Oversampled(float[] q)
            {
                var keys = new ulong[Rescored];
                var found = view.Search(q, keys, new float[Rescored]);
                return ExactScan.Rescore(rows, q, keys.AsSpan(0, found).ToArray().Where(k => accepted.Get((int)k)).ToArray(), K);
            }
            long[] Exact(float[] q)
            {
                var heap = new PriorityQueue<long, float>(K + 1);
                var buffer = new float[rows.Dimensions];
                for (var row = accepted.NextSetBit(0); row >= 0 && row < rows.Count; row = row + 1 < rows.Count ? accepted.NextSetBit(row + 1) : -1)
                {
                    rows.Row(row, buffer);
                    ExactScan.Offer(heap, row, System.Numerics.Tensors.TensorPrimitives.Dot(q, buffer), K);
                }
                return ExactScan.BestFirst(heap);
            }
            foreach (var (method, search) in new (string, Func<float[], long[]>)[] { ("filtered HNSW (predicate in the walk), 400 → re-score", InGraph), ("HNSW 400, then filter, re-score", Oversampled), ("exact float scan of accepted rows", Exact) })
            {
                var results = sample.Select(search).ToArray();
                var recall = results.Select((r, i) => truth[i].Intersect(r).Count() / (double)Math.Max(1, Math.Min(K, truth[i].Length))).Average();
                var (p50, p99) = Latency(sample, q => search(q));
                report.Row($"{share:P0}", method, $"{recall:F3}", $"{results.Average(r => r.Length):F0}", p50, p99);
            }
        }
    }

    private string FileOf(HnswSettings settings) =>
        Path.Combine(options.WorkFolder, $"{rows.Name.Replace(' ', '-')}-{settings.Quantization}-{settings.Connectivity}-{settings.ExpansionAdd}.usearch");

    private static long[] Search(HnswIndex index, float[] query, int k)
    {
        var keys = new ulong[k];
        var found = index.Search(query, keys, new float[k]);
        return keys.Take(found).Select(key => (long)key).ToArray();
    }

    private long[] RescoredSearch(HnswIndex index, float[] query)
    {
        var keys = new ulong[Rescored];
        var found = index.Search(query, keys, new float[Rescored]);
        return ExactScan.Rescore(rows, query, keys.AsSpan(0, found), K);
    }

    private double Recall(long[][] results) =>
        results.Select((found, q) => _truth[q].Intersect(found).Count() / (double)_truth[q].Length).Average();

    private static (double P50, double P99) Latency(float[][] queries, Func<float[], long[]> search)
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

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):F0}";
}

/// <summary>The process's resident memory, from /proc/self/status: anonymous (heaps) and file-backed (mapped files).</summary>
internal static class Memory
{
    public static long Anonymous => Snapshot().Anonymous;

    public static (long Anonymous, long File) Snapshot()
    {
        long anonymous = 0, file = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anonymous = Kilobytes(line);
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kilobytes(line);
        }
        return (anonymous, file);
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

/// <summary>Markdown written to the console as it comes, and to a file at the end when asked.</summary>
internal sealed class Report(string? path)
{
    private readonly StringBuilder _text = new();

    public void Heading(string text) => Write($"\n### {text}\n");

    public void Line(string text) => Write(text + "\n");

    public void Table(params string[] columns) => Write($"\n| {string.Join(" | ", columns)} |\n|{string.Concat(columns.Select(_ => " --- |"))}\n");

    public void Row(params object[] cells) =>
        Write($"| {string.Join(" | ", cells.Select(c => c switch { double d when double.IsNaN(d) => "-", double d => d.ToString("F2", CultureInfo.InvariantCulture), _ => c.ToString() }))} |\n");

    private void Write(string text)
    {
        Console.Write(text);
        _text.Append(text);
    }

    public void Flush()
    {
        if (path is not null) File.AppendAllText(path, _text.ToString());
    }
}
