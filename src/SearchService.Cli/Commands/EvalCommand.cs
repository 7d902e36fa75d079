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
    private const int Depth = 100;

    public static Command Create()
    {
        var dataset = new Argument<string>("dataset-dir") { Description = "Folder with corpus.jsonl, queries.jsonl and qrels/<split>.tsv" };
        var mode = new Option<string>("--mode") { Description = "keyword, semantic or hybrid", DefaultValueFactory = _ => "keyword" };
        mode.AcceptOnlyFromAmong("keyword", "semantic", "hybrid");
        var encoderName = new Option<string>("--encoder") { Description = "Sentence encoder for semantic and hybrid modes", DefaultValueFactory = _ => TextEncoders.MiniLm };
        encoderName.AcceptOnlyFromAmong([.. TextEncoders.Names]);
        var fusion = new Option<string>("--fusion") { Description = "Hybrid fusion to measure: zscore[:semantic weight], minmax[:weight] or rrf", DefaultValueFactory = _ => $"zscore:{HybridSearchMode.SemanticWeight}" };
        var cache = new Option<string>("--cache") { Description = "Folder of the embedding cache (vectors by text hash), reused across runs", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "searchservice-embedding-cache") };
        var task = new Option<string>("--task") { Description = "search: rank the corpus for each query; related: each query id is a corpus id, rank its related documents", DefaultValueFactory = _ => "search" };
        task.AcceptOnlyFromAmong("search", "related");
        var split = new Option<string>("--split") { Description = "Judgments to score against (qrels/<split>.tsv)", DefaultValueFactory = _ => "test" };
        var command = new Command("eval", "Measure search quality and latency on a BEIR-layout dataset") { dataset, mode, task, split, encoderName, fusion, cache, CliApp.JsonOption };
        command.SetAction(result =>
        {
            BeirDataset data;
            try
            {
                data = BeirDataset.Load(result.GetValue(dataset)!, result.GetValue(split)!);
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"Cannot read the dataset: {e.Message}");
                return 1;
            }

            var modeName = result.GetValue(mode)!;
            var folder = Directory.CreateTempSubdirectory("searchservice-eval-").FullName;
            try
            {
                using var encoder = modeName == "keyword" ? null : TextEncoders.Create(result.GetValue(encoderName)!);
                using var embeddingCache = encoder is null ? null : new EmbeddingCache(result.GetValue(cache)!, encoder.ModelName, encoder.Dimensions);
                var embedder = encoder is null ? null : new PassageEmbedder(encoder, embeddingCache);
                using var index = BriefIndex.Open(folder);
                var indexTime = BeirIndexer.Index(index, data, embedder, (done, total) => Console.Error.Write($"\rindexing {done}/{total}"));
                Console.Error.WriteLine();
                var report = Run(index, data, modeName, result.GetValue(task)!, indexTime.TotalSeconds, encoder, result.GetValue(fusion)!);
                if (result.GetValue(CliApp.JsonOption)) Console.WriteLine(BriefJson.Serialize(report, indented: true));
                else Print(report);
                return 0;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    private static EvaluationReport Run(BriefIndex index, BeirDataset data, string mode, string task, double indexSeconds, ITextEncoder? encoder, string fusion)
    {
        if (task == "related") return RankingEvaluator.Evaluate(data, RelatedRanker(index), mode, task, indexSeconds);

        var (method, weight) = ParseFusion(fusion);
        IReadOnlyList<ISearchMode> modes = encoder is null ? [] :
        [
            new SemanticSearchMode(encoder),
            new HybridSearchMode(new KeywordSearchMode(index), new SemanticSearchMode(encoder), method, weight),
        ];
        // The service's own search path, ranking only: no filters, facets or snippets.
        var searcher = new BriefSearcher(index, modes);
        RankingEvaluator.Ranker ranker = (_, text) => searcher.RankIds(new SearchRequest(text) { Mode = mode }, Depth);
        var label = mode switch
        {
            "hybrid" => $"hybrid ({method}{(method == FusionMethod.Rrf ? "" : $" {weight:0.##}")}, {encoder!.ModelName})",
            "semantic" => $"semantic ({encoder!.ModelName})",
            _ => mode,
        };
        return RankingEvaluator.Evaluate(data, ranker, label, task, indexSeconds);
    }

    /// <summary>"zscore:0.4", "minmax:0.5", "rrf": the hybrid fusion to measure (the service uses the first).</summary>
    private static (FusionMethod Method, float Weight) ParseFusion(string fusion)
    {
        var parts = fusion.Split(':', 2);
        var method = Enum.TryParse<FusionMethod>(parts[0], ignoreCase: true, out var parsed) ? parsed
            : throw new ArgumentException($"--fusion must be zscore[:weight], minmax[:weight] or rrf (got '{fusion}').");
        var weight = parts.Length == 2 ? float.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : HybridSearchMode.SemanticWeight;
        return (method, weight);
    }

    private static RankingEvaluator.Ranker RelatedRanker(BriefIndex index)
    {
        var finder = new RelatedBriefFinder(index);
        return (id, _) => finder.FindIds(id, Depth).Select(h => h.Id).ToList();
    }

    private static void Print(EvaluationReport report)
    {
        Console.WriteLine($"{report.Dataset} ({report.Documents} documents, {report.Queries} judged queries), task {report.Task}, mode {report.Mode}");
        Console.WriteLine($"  nDCG@10    {report.Ndcg10:F4}");
        Console.WriteLine($"  Recall@100 {report.Recall100:F4}");
        Console.WriteLine($"  MRR@10     {report.Mrr10:F4}");
        Console.WriteLine($"  latency    p50 {report.LatencyP50Ms:F2} ms, p99 {report.LatencyP99Ms:F2} ms per query");
        Console.WriteLine($"  indexing   {report.IndexSeconds:F1} s");
    }
}
