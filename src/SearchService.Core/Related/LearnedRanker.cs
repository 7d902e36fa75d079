using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace SearchService.Core.Related;

/// <summary>
/// The ML.NET ranking model (LightGbm LambdaRank) that turns a candidate's pair features into a
/// related-ness score. Trained on graded judgments grouped by source brief; loaded once and shared.
/// </summary>
public sealed class LearnedRanker
{
    public const string FileName = "ranker.zip";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ConcurrentBag<PredictionEngine<RankingRow, RankingScore>> _engines = [];

    private LearnedRanker(MLContext ml, ITransformer model, IReadOnlyList<float> importances)
    {
        _ml = ml;
        _model = model;
        FeatureImportances = importances;
    }

    /// <summary>Gain-based importance of each feature (in <see cref="RelatedFeatures.Names"/> order), when the model exposes it.</summary>
    public IReadOnlyList<float> FeatureImportances { get; }

    /// <summary>Settings of the LightGbm LambdaRank trainer.</summary>
    public sealed record Settings(int Leaves = 16, int Iterations = 300, double LearningRate = 0.05, int MinimumExamplesPerLeaf = 50, int Seed = 1, bool LinearGains = true);

    /// <summary>Trains on <paramref name="rows"/>: rows of one group (source brief) must be adjacent.</summary>
    public static LearnedRanker Train(IReadOnlyList<RankingRow> rows, Settings settings)
    {
        var ml = new MLContext(settings.Seed);
        var data = ml.Data.LoadFromEnumerable(rows, SchemaFor(ml));
        var trainer = ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(RankingRow.Label),
            FeatureColumnName = nameof(RankingRow.Features),
            RowGroupColumnName = "GroupKey",
            NumberOfLeaves = settings.Leaves,
            NumberOfIterations = settings.Iterations,
            LearningRate = settings.LearningRate,
            MinimumExampleCountPerLeaf = settings.MinimumExamplesPerLeaf,
            // Judgments are graded 0-3 and nDCG is measured with gain = grade.
            CustomGains = settings.LinearGains ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 1023],
            Seed = settings.Seed,
            Deterministic = true,
            NumberOfThreads = 1,
            Silent = true,
        });
        var pipeline = ml.Transforms.Conversion.Hash("GroupKey", nameof(RankingRow.Group), numberOfBits: 30).Append(trainer);
        var model = pipeline.Fit(data);
        return new LearnedRanker(ml, model, Importances(model.LastTransformer.Model));
    }

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        using var stream = File.Create(Path.Combine(folder, FileName));
        _ml.Model.Save(_model, SchemaFor(_ml), stream);
    }

    /// <summary>The ranker saved in <paramref name="folder"/>, or null when there is none.</summary>
    public static LearnedRanker? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        var ml = new MLContext(seed: 1);
        using var stream = File.OpenRead(path);
        var model = ml.Model.Load(stream, out _);
        IReadOnlyList<float> importances = model is TransformerChain<ITransformer> chain && chain.LastTransformer is RankingPredictionTransformer<LightGbmRankingModelParameters> ranking
            ? Importances(ranking.Model)
            : [];
        return new LearnedRanker(ml, model, importances);
    }

    /// <summary>Scores of <paramref name="features"/> rows (higher is more related). Thread-safe.</summary>
    public float[] Score(IReadOnlyList<float[]> features)
    {
        if (!_engines.TryTake(out var engine)) engine = _ml.Model.CreatePredictionEngine<RankingRow, RankingScore>(_model, inputSchemaDefinition: SchemaDefinition());
        try
        {
            var scores = new float[features.Count];
            var row = new RankingRow { Group = "", Features = [] };
            var score = new RankingScore();
            for (var i = 0; i < features.Count; i++)
            {
                row.Features = features[i];
                engine.Predict(row, ref score);
                scores[i] = score.Score;
            }
            return scores;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private static float[] Importances(LightGbmRankingModelParameters parameters)
    {
        VBuffer<float> weights = default;
        parameters.GetFeatureWeights(ref weights);
        return weights.DenseValues().ToArray();
    }

    private static DataViewSchema SchemaFor(MLContext ml) => ml.Data.LoadFromEnumerable(Array.Empty<RankingRow>(), SchemaDefinition()).Schema;

    private static SchemaDefinition SchemaDefinition()
    {
        var definition = Microsoft.ML.Data.SchemaDefinition.Create(typeof(RankingRow));
        definition[nameof(RankingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, RelatedFeatures.Count);
        return definition;
    }
}

/// <summary>One (source, candidate) pair: its judged relevance, its group (the source) and its features.</summary>
public sealed class RankingRow
{
    public float Label { get; set; }
    public string Group { get; set; } = "";
    public float[] Features { get; set; } = [];
}

/// <summary>The ranker's output for one pair.</summary>
public sealed class RankingScore
{
    public float Score { get; set; }
}
