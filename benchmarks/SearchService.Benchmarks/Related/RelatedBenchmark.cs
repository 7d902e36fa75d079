using System.Globalization;
using System.Text;
using SearchService.Benchmarks.LongQueries;
using SearchService.Core.Evaluation;
using SearchService.Core.Related;
using SearchService.Core.Relevance;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Benchmarks.Related;

/// <summary>
/// Related briefs on whole corpora, each ordering as <c>eval --task related</c> runs it: gao-related (GAO summaries
/// related by shared topic tags: what the fixed weighting's weights were chosen on, by document split), and SciFact's
/// abstracts related when one claim cites both (another field and another kind of relatedness, where nothing was
/// chosen: the check that holds back). Split-protocol figures for the learned ranker come from <c>train-related</c>.
/// </summary>
public static class RelatedBenchmark
{
    private const string Usage = "related [--shared DIR] [--model models/related] [--report FILE]";

    private static readonly (string Name, string Mode, RelatedScoring Scoring)[] Orderings =
    [
        ("MoreLikeThis", "keyword", RelatedScoring.Lexical),
        ("brief vectors", "semantic", RelatedScoring.Vector),
        ("fixed weighting", "semantic", RelatedScoring.Fixed),
        ("served (the model as shipped)", "semantic", RelatedScoring.Model),
    ];

    public static int Run(string[] args)
    {
        var root = Core.RepositoryPaths.FindRoot(Directory.GetCurrentDirectory())
                   ?? throw new ArgumentException("Run the related benchmark from inside the repository.");
        var options = BenchmarkOptions.Parse(args, Usage);
        var datasets = Path.Combine(Path.GetFullPath(Path.Combine(root, options.GetValueOrDefault("--shared") ?? Path.Combine("..", "shared"))), "datasets");
        var reportPath = Path.GetFullPath(Path.Combine(root, options.GetValueOrDefault("--report") ?? Path.Combine("benchmarks", "results", "related.md")));
        var model = RelatedModel.Load(Path.GetFullPath(Path.Combine(root, options.GetValueOrDefault("--model") ?? Path.Combine("models", "related"))));
        if (!Directory.Exists(datasets)) throw new ArgumentException($"No datasets under {datasets}: pass --shared with the folder holding datasets/.");

        using var encoder = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        using var cache = new EmbeddingCache(Path.Combine(Path.GetTempPath(), "searchservice-embedding-cache"), encoder.ModelName, encoder.Dimensions);
        var embedder = new PassageEmbedder(encoder, cache);
        void Log(string line) => Console.Error.WriteLine($"[related {DateTime.Now:HH:mm:ss}] {line}");

        var report = new StringBuilder($"\n## {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: related briefs\n\n");
        report.Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, encoder {encoder.ModelName}, model: {model.Describe()}; load average before: {File.ReadAllText("/proc/loadavg").Trim()}.\n\n");
        report.Append("| corpus | related when | sources | ordering | nDCG@10 | Recall@100 | MRR@10 | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|---|---|---|---|\n");
        var sets = new (BeirDataset Data, string How)[]
        {
            (BeirDataset.Load(Path.Combine(datasets, "gao-related")), "GAO tagged both with 2+ of the same topics (graded)"),
            (AbstractQueries.FromSciFact(Path.Combine(datasets, "scifact")), "one SciFact claim cites both abstracts (held back: nothing chosen on it)"),
        };
        foreach (var (data, how) in sets)
        {
            foreach (var (name, mode, scoring) in Orderings)
            {
                Log($"{data.Name}: {name}");
                var result = EvaluationRun.Run(data, mode, "related", embedder, relatedModel: model, relatedScoring: scoring);
                var first = name == Orderings[0].Name;
                report.Append(CultureInfo.InvariantCulture,
                    $"| {(first ? data.Name : "")} | {(first ? how : "")} | {(first ? result.Queries.ToString(CultureInfo.InvariantCulture) : "")} | {name} | {result.Ndcg10:F4} | {result.Recall100:F4} | {result.Mrr10:F4} | {result.LatencyP50Ms:F2} | {result.LatencyP99Ms:F2} | {result.Errors} |\n");
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        File.AppendAllText(reportPath, report.ToString());
        Console.WriteLine(report);
        Log($"appended to {reportPath}");
        return 0;
    }
}
