using System.Globalization;
using System.Text;
using SearchService.Core.Evaluation;
using SearchService.Core.Extraction;
using SearchService.Core.Relevance;
using SearchService.Core.Semantic;
using SearchService.Benchmarks.Scale;
using SearchService.Embeddings;

namespace SearchService.Benchmarks.LongQueries;

/// <summary>
/// Search by a whole text, measured: quality on judged sets whose queries are paragraphs (SciFact's abstracts as
/// queries, gao-related's summaries as search queries, CISI), each mode as <c>eval</c> runs it, and the latency of
/// 1,000-word queries (windows of the shared GAO and CRS reports) against SciFact's corpus.
/// </summary>
public static class LongQueryBenchmark
{
    private const string Usage = "long-queries [--shared DIR] [--encoder minilm+arctic|minilm|arctic] [--report FILE]";
    private const int WordsPerLongText = 1_000;
    private const int WindowsPerReport = 3;
    private static readonly string[] Modes = ["keyword", "semantic", "hybrid"];

    public static int Run(string[] args)
    {
        var root = Core.RepositoryPaths.FindRoot(Directory.GetCurrentDirectory())
                   ?? throw new ArgumentException("Run the long-query benchmark from inside the repository.");
        var options = BenchmarkOptions.Parse(args, Usage);
        var shared = Path.GetFullPath(Path.Combine(root, options.GetValueOrDefault("--shared") ?? Path.Combine("..", "shared")));
        var reportPath = Path.GetFullPath(Path.Combine(root, options.GetValueOrDefault("--report") ?? Path.Combine("benchmarks", "results", "long-queries.md")));
        var datasets = Path.Combine(shared, "datasets");
        if (!Directory.Exists(datasets)) throw new ArgumentException($"No datasets under {datasets}: pass --shared with the folder holding datasets/ and corpora/.");

        using var encoder = TextEncoders.Create(options.GetValueOrDefault("--encoder") ?? TextEncoders.MiniLmAndArcticXs);
        using var cache = new EmbeddingCache(Path.Combine(Path.GetTempPath(), "searchservice-embedding-cache"), encoder.ModelName, encoder.Dimensions);
        var embedder = new PassageEmbedder(encoder, cache);
        void Log(string line) => Console.Error.WriteLine($"[long-queries {DateTime.Now:HH:mm:ss}] {line}");

        var report = new StringBuilder($"\n## {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: long queries\n\n");
        report.Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, encoder {encoder.ModelName}; load average before: {File.ReadAllText("/proc/loadavg").Trim()}.\n\n");
        report.Append("| judged set | how its queries were made | queries | median words | mode | nDCG@10 | Recall@100 | MRR@10 | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        var sets = new (BeirDataset Data, string How)[]
        {
            (AbstractQueries.FromSciFact(Path.Combine(datasets, "scifact")), "a SciFact abstract; relevant: the other abstracts cited by a claim that cites it (both splits)"),
            (BeirDataset.Load(Path.Combine(datasets, "gao-related")), "a GAO summary; relevant: gao-related's judged related summaries"),
            (BeirDataset.Load(Path.Combine(datasets, "cisi")), "CISI's own queries (library-science questions and abstracts)"),
        };
        foreach (var (data, how) in sets)
        {
            var words = Median(data.Judgments.Keys.Where(data.Queries.ContainsKey).Select(id => SourceLibrary.WordCount(data.Queries[id])).ToList());
            foreach (var mode in Modes)
            {
                Log($"{data.Name}: {mode}");
                var result = EvaluationRun.Run(data, mode, "search", mode == "keyword" ? null : embedder);
                var first = mode == Modes[0];
                report.Append(CultureInfo.InvariantCulture,
                    $"| {(first ? data.Name : "")} | {(first ? how : "")} | {result.Queries} | {words} | {mode} | {result.Ndcg10:F4} | {result.Recall100:F4} | {result.Mrr10:F4} | {result.LatencyP50Ms:F1} | {result.LatencyP99Ms:F1} | {result.Errors} |\n");
            }
        }

        var texts = ReportWindows(Path.Combine(shared, "corpora"));
        var sciFact = BeirDataset.Load(Path.Combine(datasets, "scifact"));
        report.Append(CultureInfo.InvariantCulture,
            $"\n{texts.Count} queries of {WordsPerLongText:N0} words (consecutive windows of the shared GAO and CRS reports, at most {WindowsPerReport} a report) against SciFact's {sciFact.Corpus.Count:N0} abstracts, ranked as `eval` ranks (no facets or snippets), warm:\n\n| mode | p50 ms | p99 ms |\n|---|---|---|\n");
        foreach (var mode in Modes)
        {
            Log($"{WordsPerLongText}-word queries: {mode}");
            var latencies = EvaluationRun.SearchLatencies(sciFact, mode, texts, mode == "keyword" ? null : embedder);
            report.Append(CultureInfo.InvariantCulture, $"| {mode} | {RankingMetrics.Percentile(latencies, 50):F1} | {RankingMetrics.Percentile(latencies, 99):F1} |\n");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        File.AppendAllText(reportPath, report.ToString());
        Console.WriteLine(report);
        Log($"appended to {reportPath}");
        return 0;
    }

    /// <summary>Texts of exactly <see cref="WordsPerLongText"/> words, cut from the body of every Markdown report under <paramref name="corpora"/>.</summary>
    private static List<string> ReportWindows(string corpora)
    {
        var texts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(corpora, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string[] words;
            try
            {
                words = BriefExtractor.Extract(file).Body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            }
            catch (BriefExtractionException)
            {
                continue;
            }
            for (var window = 0; window < WindowsPerReport && (window + 1) * WordsPerLongText <= words.Length; window++)
                texts.Add(string.Join(' ', words, window * WordsPerLongText, WordsPerLongText));
        }
        if (texts.Count == 0) throw new ArgumentException($"No report under {corpora} has {WordsPerLongText:N0} words.");
        return texts;
    }

    private static int Median(List<int> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
}
