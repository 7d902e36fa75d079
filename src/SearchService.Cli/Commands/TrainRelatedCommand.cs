using System.CommandLine;
using SearchService.Core.Briefs;
using SearchService.Core.Related;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Relevance;

namespace SearchService.Cli.Commands;

/// <summary>
/// <c>searchservice train-related &lt;dataset-dir&gt; --split documents|date --out models/related</c>: measures the
/// related-brief orderings by the document-split protocol (train on one half of the documents, test on the other,
/// both directions), then trains the model on every document and saves it: the text pipeline, and the LightGbm ranker
/// where it won on the split (<c>--ship-ranker</c>).
/// </summary>
internal static class TrainRelatedCommand
{
    public const string Name = "train-related";

    public static Command Create()
    {
        var data = new DatasetArguments("Folder with corpus.jsonl, queries.jsonl and qrels/<judgments>.tsv; each query id is a corpus id", "Judgments to train on (qrels/<judgments>.tsv)", "--judgments");
        var split = new Option<string>("--split")
        {
            Description = "How the documents are split into the two halves the model is trained and measured on: documents (by a hash of the id) or date (older half trains, newer tests; documents when some are undated)",
            DefaultValueFactory = _ => "documents",
        };
        split.AcceptOnlyFromAmong("documents", "date");
        var output = new Option<string>("--out") { Description = "Folder to write the model into", DefaultValueFactory = _ => "models/related" };
        var measureOnly = new Option<bool>("--measure-only") { Description = "Measure by the split protocol and write no model" };
        var compare = new Option<bool>("--compare") { Description = "Also measure the candidate ranker inputs and sizes (features, vector products, regularisation) on the same split" };
        var encoderName = new Option<string>("--encoder") { Description = "Sentence encoder of the vector features (use the one the service indexes with)", DefaultValueFactory = _ => TextEncoders.MiniLmAndArcticXs };
        encoderName.AcceptOnlyFromAmong([.. TextEncoders.Names]);
        var topics = new Option<int>("--topics") { Description = "LDA topics", DefaultValueFactory = _ => 80 };
        var shipRanker = new Option<string>("--ship-ranker")
        {
            Description = "Save the learned ranker (served fused with the fixed weighting): where-it-wins (only when that beat the fixed weighting alone on the split), always, or never (the fixed weighting serves)",
            DefaultValueFactory = _ => "where-it-wins",
        };
        shipRanker.AcceptOnlyFromAmong("where-it-wins", "always", "never");
        var command = new Command(Name, "Measure the related-brief orderings on a document split and train the related-brief model (ML.NET text pipeline and LightGbm ranker)")
        {
            data.Dataset, split, output, measureOnly, compare, encoderName, data.Cache, data.Split, topics, shipRanker, CliApp.JsonOption,
        };
        command.SetAction(result =>
        {
            if (data.Load(result) is not { } dataset) return 1;
            if (result.GetValue(topics) < 2)
            {
                Console.Error.WriteLine($"--topics must be 2 or more (got {result.GetValue(topics)}).");
                return 2;
            }

            using var encoder = TextEncoders.Create(result.GetValue(encoderName)!);
            using var embeddingCache = new EmbeddingCache(result.GetValue(data.Cache)!, encoder.ModelName, encoder.Dimensions);
            var settings = new RelatedModelTrainer.Settings(result.GetValue(topics))
            {
                Split = result.GetValue(split) == "date" ? DocumentSplitKind.Date : DocumentSplitKind.Documents,
                Alternatives = result.GetValue(compare) ? RelatedModelTrainer.Comparisons : [],
                ShipRanker = result.GetValue(shipRanker) switch
                {
                    "always" => RelatedModelTrainer.RankerShipping.Always,
                    "never" => RelatedModelTrainer.RankerShipping.Never,
                    _ => RelatedModelTrainer.RankerShipping.WhereItWins,
                },
            };
            var outFolder = result.GetValue(measureOnly) ? null : Path.GetFullPath(result.GetValue(output)!);
            var report = RelatedModelTrainer.Train(dataset, new PassageEmbedder(encoder, embeddingCache), outFolder, settings, Console.Error.WriteLine);
            if (result.GetValue(CliApp.JsonOption)) Console.WriteLine(BriefJson.Serialize(report, indented: true));
            else Print(report, outFolder);
            return 0;
        });
        return command;
    }

    private static void Print(RelatedTrainingReport report, string? folder)
    {
        Console.WriteLine($"{report.Dataset}: {report.Documents} documents ({report.Encoder}); split: {report.Split}");
        foreach (var direction in report.Directions)
        {
            Console.WriteLine($"train {direction.Train} ({direction.TrainDocuments} documents, {direction.TrainSources} sources) -> test {direction.Test} ({direction.TestDocuments} documents, {direction.TestSources} sources)");
            PrintRows(direction.Orderings);
        }
        Console.WriteLine("mean of both directions");
        PrintRows(report.Mean);
        Console.WriteLine($"  errors: {report.Errors}{(report.FirstError is { } first ? $" (first: {first})" : "")}");
        Console.WriteLine($"  served by a model trained this way: {report.Served}");
        if (folder is null) return;
        if (report.Served == RelatedModelTrainer.FixedName)
        {
            Console.WriteLine($"  text model trained on all {report.Documents} documents, written to {folder} (no ranker: the fixed weighting serves)");
            return;
        }
        Console.WriteLine("  feature importance (gain): " + string.Join(", ", report.FeatureImportances.OrderByDescending(f => f.Gain).Select(f => $"{f.Feature} {f.Gain:G3}")));
        Console.WriteLine($"  model trained on all {report.Sources} sources ({report.Pairs} pairs), written to {folder}");
    }

    private static void PrintRows(IReadOnlyList<HeldOutResult> rows)
    {
        var width = Math.Max(28, rows.Max(r => r.Ordering.Length));
        Console.WriteLine($"  {"ordering".PadRight(width)} {"nDCG@10",8} {"R@100",8} {"MRR@10",8}");
        foreach (var row in rows)
            Console.WriteLine($"  {row.Ordering.PadRight(width)} {row.Ndcg10,8:F4} {row.Recall100,8:F4} {row.Mrr10,8:F4}");
    }
}
