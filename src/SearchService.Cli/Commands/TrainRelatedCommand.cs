using System.CommandLine;
using SearchService.Core.Briefs;
using SearchService.Core.Evaluation;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Cli.Commands;

/// <summary>
/// <c>searchservice train-related &lt;dataset-dir&gt; --out models/related</c>: trains the related-brief model
/// (text pipeline and LightGbm ranker) on a BEIR-layout dataset of related documents, reports its
/// cross-validated quality and saves it.
/// </summary>
internal static class TrainRelatedCommand
{
    public static Command Create()
    {
        var data = new DatasetArguments("Folder with corpus.jsonl, queries.jsonl and qrels/<split>.tsv; each query id is a corpus id", "Judgments to train on (qrels/<split>.tsv)");
        var output = new Option<string>("--out") { Description = "Folder to write the model into", DefaultValueFactory = _ => "models/related" };
        var encoderName = new Option<string>("--encoder") { Description = "Sentence encoder of the vector features (use the one the service indexes with)", DefaultValueFactory = _ => TextEncoders.MiniLmAndArcticXs };
        encoderName.AcceptOnlyFromAmong([.. TextEncoders.Names]);
        var folds = new Option<int>("--folds") { Description = "Folds of the cross-validation over source documents", DefaultValueFactory = _ => 5 };
        var topics = new Option<int>("--topics") { Description = "LDA topics", DefaultValueFactory = _ => 80 };
        var command = new Command("train-related", "Train the related-brief model (ML.NET text pipeline and LightGbm ranker) on a dataset of related documents")
        {
            data.Dataset, output, encoderName, data.Cache, data.Split, folds, topics, CliApp.JsonOption,
        };
        command.SetAction(result =>
        {
            if (data.Load(result) is not { } dataset) return 1;
            if (result.GetValue(folds) < 2)
            {
                Console.Error.WriteLine($"--folds must be 2 or more (got {result.GetValue(folds)}).");
                return 2;
            }

            var folder = Directory.CreateTempSubdirectory("searchservice-train-").FullName;
            try
            {
                using var encoder = TextEncoders.Create(result.GetValue(encoderName)!);
                using var embeddingCache = new EmbeddingCache(result.GetValue(data.Cache)!, encoder.ModelName, encoder.Dimensions);
                using var index = BriefIndex.Open(folder);
                BeirIndexer.Index(index, dataset, new PassageEmbedder(encoder, embeddingCache), (done, total) => Console.Error.Write($"\rindexing {done}/{total}"));
                Console.Error.WriteLine();
                var settings = new RelatedModelTrainer.Settings(result.GetValue(folds), result.GetValue(topics));
                var outFolder = Path.GetFullPath(result.GetValue(output)!);
                var report = RelatedModelTrainer.Train(index, dataset, outFolder, settings, encoder.ModelName, Console.Error.WriteLine);
                if (result.GetValue(CliApp.JsonOption)) Console.WriteLine(BriefJson.Serialize(report, indented: true));
                else Print(report, outFolder);
                return 0;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    private static void Print(RelatedTrainingReport report, string folder)
    {
        Console.WriteLine($"{report.Dataset}: {report.Sources} judged sources, {report.Pairs} candidate pairs, {report.Folds}-fold cross-validation over sources ({report.Encoder})");
        Console.WriteLine($"  {"ordering",-28} {"nDCG@10",8} {"R@100",8} {"MRR@10",8}");
        foreach (var row in report.CrossValidation)
            Console.WriteLine($"  {row.Ordering,-28} {row.Ndcg10,8:F4} {row.Recall100,8:F4} {row.Mrr10,8:F4}");
        Console.WriteLine("  feature importance (gain): " + string.Join(", ", report.FeatureImportances.OrderByDescending(f => f.Gain).Select(f => $"{f.Feature} {f.Gain:G3}")));
        Console.WriteLine($"  model written to {folder}");
    }
}
