using System.Diagnostics;
using System.Globalization;
using System.Text;
using SearchService.Benchmarks.Scale;
using SearchService.Core.Briefs;
using SearchService.Core.Evaluation;
using SearchService.Core.Passages;
using SearchService.Core.Related;
using SearchService.Core.Relevance;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

// Runs the evaluations of every BEIR-layout dataset under a folder and writes a Markdown report.
// Usage: dotnet run -c Release --project benchmarks/SearchService.Benchmarks -- [datasets-dir] [report.md] [--encoder minilm+arctic|minilm|arctic] [--model models/related]
// Or the scale benchmark (the service under generated corpora of N briefs, see benchmarks/README.md):
//        dotnet run -c Release --project benchmarks/SearchService.Benchmarks -- scale --briefs N[,N…] [--seed S] [--work DIR] …
if (args.FirstOrDefault() == "scale") return await ScaleBenchmark.RunAsync(args[1..]);
// Or the service under load on the sample briefs (wrk, caches off and on):
//        dotnet run -c Release --project benchmarks/SearchService.Benchmarks -- load [--briefs DIR] [--clients 1,8] [--duration 15] …
if (args.FirstOrDefault() == "load") return await SearchService.Benchmarks.Load.LoadBenchmark.RunAsync(args[1..]);
// Or search by whole texts: judged sets whose queries are paragraphs, and the latency of 1,000-word queries:
//        dotnet run -c Release --project benchmarks/SearchService.Benchmarks -- long-queries [--shared ../shared] [--report FILE]
if (args.FirstOrDefault() == "long-queries") return SearchService.Benchmarks.LongQueries.LongQueryBenchmark.Run(args[1..]);
// Or related briefs on whole corpora, gao-related and SciFact's co-cited abstracts (held back), every ordering:
//        dotnet run -c Release --project benchmarks/SearchService.Benchmarks -- related [--shared ../shared] [--model models/related] [--report FILE]
if (args.FirstOrDefault() == "related") return SearchService.Benchmarks.Related.RelatedBenchmark.Run(args[1..]);

var arguments = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
var datasetsDir = arguments.ElementAtOrDefault(0) ?? Path.Combine("..", "shared", "datasets");
var reportPath = arguments.ElementAtOrDefault(1) ?? Path.Combine("benchmarks", "results", "report.md");
var encoderName = args.SkipWhile(a => a != "--encoder").Skip(1).FirstOrDefault() ?? TextEncoders.MiniLmAndArcticXs;
var cacheFolder = Path.Combine(Path.GetTempPath(), "searchservice-embedding-cache");
// Related briefs are measured as served: with the shipped model (run from the repository root).
var relatedModel = RelatedModel.Load(args.SkipWhile(a => a != "--model").Skip(1).FirstOrDefault() ?? Path.Combine("models", "related"));

if (!Directory.Exists(datasetsDir))
{
    Console.Error.WriteLine($"No datasets folder at {Path.GetFullPath(datasetsDir)}: pass one holding BEIR datasets (corpus.jsonl, queries.jsonl, qrels/test.tsv).");
    return 1;
}

using var encoder = TextEncoders.Create(encoderName);
using var cache = new EmbeddingCache(cacheFolder, encoder.ModelName, encoder.Dimensions);
var embedder = new PassageEmbedder(encoder, cache);

var report = new StringBuilder($"# SearchService benchmarks\n\n{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, encoder {encoder.ModelName}.\n\n");
report.Append("| dataset | task | mode | queries | nDCG@10 | Recall@100 | MRR@10 | p50 ms | p99 ms | index s |\n|---|---|---|---|---|---|---|---|---|---|\n");
foreach (var folder in Directory.GetDirectories(datasetsDir).Order(StringComparer.Ordinal))
{
    if (!File.Exists(Path.Combine(folder, "qrels", "test.tsv"))) continue;
    var data = BeirDataset.Load(folder);
    // A dataset whose queries are its own documents is a related-documents task (as gao-related is).
    var related = data.Judgments.Keys.All(id => data.Corpus.Any(d => d.Id == id));
    var runs = related ? [("related", "semantic")] : new[] { ("search", "keyword"), ("search", "semantic"), ("search", "hybrid") };
    foreach (var (task, mode) in runs)
    {
        Console.Error.WriteLine($"{data.Name}: {task} {mode}");
        var result = EvaluationRun.Run(data, mode, task, mode == "keyword" ? null : embedder, relatedModel: relatedModel);
        report.Append(CultureInfo.InvariantCulture, $"| {result.Dataset} | {result.Task} | {result.Mode} | {result.Queries} | {result.Ndcg10:F4} | {result.Recall100:F4} | {result.Mrr10:F4} | {result.LatencyP50Ms:F2} | {result.LatencyP99Ms:F2} | {result.IndexSeconds:F1} |\n");
    }
}

// Short queries, as typed in a search box: latency only (no judgments). Each related-task corpus's title
// subjects serve: the part of a title before its colon ("Water Infrastructure", "Medicaid"), 1 to 4 words.
var shortQueries = new StringBuilder();
foreach (var folder in Directory.GetDirectories(datasetsDir).Order(StringComparer.Ordinal))
{
    if (!File.Exists(Path.Combine(folder, "corpus.jsonl"))) continue;
    var data = BeirDataset.Load(folder);
    var subjects = data.Corpus.Select(d => d.Title.Split(':', 2)).Where(parts => parts.Length == 2).Select(parts => parts[0].Trim())
        .Where(subject => subject.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is >= 1 and <= 4)
        .Distinct(StringComparer.OrdinalIgnoreCase).Take(300).ToList();
    if (subjects.Count < 50) continue;
    foreach (var mode in new[] { "keyword", "hybrid" })
    {
        Console.Error.WriteLine($"{data.Name}: short queries, {mode}");
        var latencies = EvaluationRun.SearchLatencies(data, mode, subjects, mode == "keyword" ? null : embedder);
        shortQueries.Append(CultureInfo.InvariantCulture, $"| {data.Name} | {mode} | {subjects.Count} | {RankingMetrics.Percentile(latencies, 50):F2} | {RankingMetrics.Percentile(latencies, 99):F2} |\n");
    }
}
if (shortQueries.Length > 0)
    report.Append("\nShort queries (title subjects such as \"Water Infrastructure\", 1–4 words; latency only):\n\n| corpus | mode | queries | p50 ms | p99 ms |\n|---|---|---|---|---|\n").Append(shortQueries);

// Indexing throughput with embeddings: the encoder's own rate (fresh cache), then every vector from the cache.
var sample = Directory.GetDirectories(datasetsDir).Select(d => Path.Combine(d, "corpus.jsonl")).FirstOrDefault(File.Exists);
if (sample is not null)
{
    var data = BeirDataset.Load(Path.GetDirectoryName(sample)!);
    var subset = new BeirDataset { Name = data.Name, Corpus = data.Corpus.Take(300).ToList(), Queries = data.Queries, Judgments = data.Judgments };
    var passages = subset.Corpus.Sum(d => PassageBuilder.Build(new Brief { Id = d.Id, Title = d.Title, Body = d.Text, Sections = [new Section(d.Title, d.Text, SectionRole.Other, "body")] }).Count);
    var fresh = Directory.CreateTempSubdirectory("searchservice-throughput-").FullName;
    try
    {
        using var coldCache = new EmbeddingCache(fresh, encoder.ModelName, encoder.Dimensions);
        var cold = Throughput(subset, new PassageEmbedder(encoder, coldCache));
        var warm = Throughput(subset, new PassageEmbedder(encoder, coldCache));
        report.Append(CultureInfo.InvariantCulture, $"\nIndexing with embeddings ({subset.Corpus.Count} {data.Name} documents, {passages} passages): {passages / cold:F1} passages/s encoding, {passages / warm:F1} passages/s with every vector from the cache.\n");
    }
    finally
    {
        Directory.Delete(fresh, recursive: true);
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
File.WriteAllText(reportPath, report.ToString());
Console.WriteLine(report);
return 0;

static double Throughput(BeirDataset data, PassageEmbedder embedder)
{
    var folder = Directory.CreateTempSubdirectory("searchservice-throughput-index-").FullName;
    try
    {
        using var index = SearchService.Core.Indexing.BriefIndex.Open(folder);
        var stopwatch = Stopwatch.StartNew();
        BeirIndexer.Index(index, data, embedder);
        return stopwatch.Elapsed.TotalSeconds;
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
