using System.CommandLine;
using SearchService.Core.Briefs;
using SearchService.Core.Evaluation;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Cli.Commands;

/// <summary>
/// <c>searchservice eval &lt;dataset-dir&gt;</c>: builds a temporary index of a BEIR-layout dataset, runs every
/// judged query and prints nDCG@10, Recall@100, MRR@10 and per-query latency.
/// </summary>
internal static class EvalCommand
{
    public const string Name = "eval";

    public static Command Create()
    {
        var data = new DatasetArguments("Folder with corpus.jsonl, queries.jsonl and qrels/<split>.tsv", "Judgments to score against (qrels/<split>.tsv)");
        // Defaults are the service's, so eval with no flags measures what users get.
        var mode = new Option<string>("--mode") { Description = "keyword, semantic or hybrid (the service's default)", DefaultValueFactory = _ => HybridSearchMode.ModeName };
        mode.AcceptOnlyFromAmong("keyword", "semantic", "hybrid");
        var encoderName = new Option<string>("--encoder") { Description = "Sentence encoder for semantic and hybrid modes", DefaultValueFactory = _ => TextEncoders.MiniLmAndArcticXs };
        encoderName.AcceptOnlyFromAmong([.. TextEncoders.Names]);
        var queryWeights = new Option<string>("--query-weights") { Description = "Weights of the models that encode queries: int8 (the service's default) or float (as passages)", DefaultValueFactory = _ => "int8" };
        queryWeights.AcceptOnlyFromAmong("int8", "float");
        var fusion = new Option<string>("--fusion") { Description = "Hybrid fusion to measure: zscore[:semantic weight], minmax[:weight] or rrf (weight by default: the service's for the encoder)", DefaultValueFactory = _ => "zscore" };
        var task = new Option<string>("--task") { Description = "search: rank the corpus for each query; related: each query id is a corpus id, rank its related documents", DefaultValueFactory = _ => "search" };
        task.AcceptOnlyFromAmong("search", "related");
        var ranker = new Option<string>("--ranker") { Description = "Related task: model (the shipped path: learned ranker fused with the fixed weighting, else the fixed weighting), fixed, lexical (MoreLikeThis alone) or vector (brief vectors alone)", DefaultValueFactory = _ => "model" };
        ranker.AcceptOnlyFromAmong("model", "fixed", "lexical", "vector");
        var command = new Command(Name, "Measure search quality and latency on a BEIR-layout dataset") { data.Dataset, mode, task, data.Split, encoderName, queryWeights, fusion, data.Cache, ranker, RelatedModelLocation.Option, CliApp.JsonOption };
        command.SetAction(result =>
        {
            if (data.Load(result) is not { } dataset) return 1;

            var modeName = result.GetValue(mode)!;
            var taskName = result.GetValue(task)!;
            var (method, weight) = EvaluationRun.ParseFusion(result.GetValue(fusion)!);
            var needsVectors = modeName != "keyword";
            var encoderOptions = TextEncoderOptions.Default with { Int8QueryWeights = result.GetValue(queryWeights) == "int8" };
            using var encoder = needsVectors ? TextEncoders.Create(result.GetValue(encoderName)!, encoderOptions) : null;
            using var embeddingCache = encoder is null ? null : new EmbeddingCache(result.GetValue(data.Cache)!, encoder.ModelName, encoder.Dimensions);
            var embedder = encoder is null ? null : new PassageEmbedder(encoder, embeddingCache);
            var scoring = Enum.Parse<RelatedScoring>(result.GetValue(ranker)!, ignoreCase: true);
            var report = EvaluationRun.Run(dataset, modeName, taskName, embedder, method, weight, (done, total) => Console.Error.Write($"\rindexing {done}/{total}"),
                taskName == "related" ? RelatedModelLocation.Load(result) : null, scoring);
            Console.Error.WriteLine();
            if (result.GetValue(CliApp.JsonOption)) Console.WriteLine(BriefJson.Serialize(report, indented: true));
            else Print(report);
            return 0;
        });
        return command;
    }

    private static void Print(EvaluationReport report)
    {
        Console.WriteLine($"{report.Dataset} ({report.Documents} documents, {report.Queries} judged queries), task {report.Task}, mode {report.Mode}");
        Console.WriteLine($"  nDCG@10    {report.Ndcg10:F4}");
        Console.WriteLine($"  Recall@100 {report.Recall100:F4}");
        Console.WriteLine($"  MRR@10     {report.Mrr10:F4}");
        Console.WriteLine($"  latency    p50 {report.LatencyP50Ms:F2} ms, p99 {report.LatencyP99Ms:F2} ms per query");
        Console.WriteLine($"  indexing   {report.IndexSeconds:F1} s");
        Console.WriteLine($"  errors     {report.Errors}{(report.FirstError is { } first ? $" (first: {first})" : "")}");
    }
}
