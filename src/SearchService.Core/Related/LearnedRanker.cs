using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace SearchService.Core.Related;

/// <summary>
/// The ML.NET ranking model (LightGbm LambdaRank) that turns a candidate's pair features into a
/// related-ness score. Trained on graded judgments grouped by source brief; loaded once and shared.
/// It reads the <see cref="RankerInputs"/> it was trained with (saved beside it): a set of the named
/// <see cref="RelatedFeatures"/> and, optionally, the two brief vectors multiplied dimension by dimension.
/// </summary>
public sealed class LearnedRanker
{
    public const string FileName = "ranker.zip";
    /// <summary>The inputs the ranker reads and the vector length it was trained with.</summary>
    public const string InputsFileName = "ranker.json";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ConcurrentBag<PredictionEngine<RankingRow, RankingScore>> _engines = [];

    private LearnedRanker(MLContext ml, ITransformer model, RankerInputs inputs, int vectorDimensions, IReadOnlyList<float> importances)
    {
        _ml = ml;
        _model = model;
        Inputs = inputs;
        VectorDimensions = vectorDimensions;
        FeatureImportances = importances;
    }

    /// <summary>What the model reads for a pair.</summary>
    public RankerInputs Inputs { get; }

    /// <summary>
    /// Length of the brief vectors the model was trained with: it can only score briefs embedded by the same encoder
    /// (its cosine features are on that encoder's scale, even when it reads no vector products).
    /// </summary>
    public int VectorDimensions { get; }

    /// <summary>Gain-based importance of each input (in <see cref="Inputs"/> order), when the model exposes it.</summary>
    public IReadOnlyList<float> FeatureImportances { get; }

    /// <summary>The model's input for one pair (see <see cref="RankerInputs.Build"/>).</summary>
    public float[] Input(float[] pairFeatures, ReadOnlySpan<float> sourceVector, ReadOnlySpan<float> candidateVector) =>
        Inputs.Build(pairFeatures, sourceVector, candidateVector);

    /// <summary>
    /// Settings of the LightGbm LambdaRank trainer and the inputs it reads (<see cref="RelatedModelTrainer.DefaultInputs"/>
    /// when null). Fewer leaves and trees and more examples per leaf make a model that transfers to briefs it never saw.
    /// </summary>
    public sealed record Settings(int Leaves = 16, int Iterations = 300, double LearningRate = 0.05, int MinimumExamplesPerLeaf = 50, int Seed = 1, bool LinearGains = true)
    {
        public RankerInputs? Inputs { get; init; }
    }

    /// <summary>
    /// Trains on <paramref name="rows"/> (made by <see cref="RankerInputs.Build"/> with <paramref name="inputs"/> from
    /// vectors of <paramref name="vectorDimensions"/>): rows of one group (source brief) must be adjacent.
    /// </summary>
    public static LearnedRanker Train(IReadOnlyList<RankingRow> rows, Settings settings, RankerInputs inputs, int vectorDimensions)
    {
        var width = inputs.Width(vectorDimensions);
        if (rows.Any(r => r.Features.Length != width)) throw new ArgumentException($"every row needs the {width} inputs of {inputs} from {vectorDimensions}-dimension vectors", nameof(rows));
        var ml = new MLContext(settings.Seed);
        var data = ml.Data.LoadFromEnumerable(rows, SchemaFor(ml, width));
        var trainer = ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(RankingRow.Label),
            FeatureColumnName = nameof(RankingRow.Features),
            RowGroupColumnName = "GroupKey",
            NumberOfLeaves = settings.Leaves,
            NumberOfIterations = settings.Iterations,
            LearningRate = settings.LearningRate,
            // A leaf size beyond what the data can fill leaves trees without a split, which LightGbm cannot save (small corpora).
            MinimumExampleCountPerLeaf = Math.Clamp(rows.Count / (2 * settings.Leaves), 1, settings.MinimumExamplesPerLeaf),
            // Judgments are graded 0-3 and nDCG is measured with gain = grade.
            CustomGains = settings.LinearGains ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 1023],
            Seed = settings.Seed,
            Deterministic = true,
            NumberOfThreads = 1,
            Silent = true,
        });
        var pipeline = ml.Transforms.Conversion.Hash("GroupKey", nameof(RankingRow.Group), numberOfBits: 30).Append(trainer);
        var model = pipeline.Fit(data);
        return new LearnedRanker(ml, model, inputs, vectorDimensions, Importances(model.LastTransformer.Model));
    }

    private int Width => Inputs.Width(VectorDimensions);

    /// <summary>Removes a saved ranker's files from <paramref name="folder"/>, if any.</summary>
    public static void Delete(string folder)
    {
        foreach (var file in new[] { FileName, InputsFileName }) File.Delete(Path.Combine(folder, file));
    }

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        using (var stream = File.Create(Path.Combine(folder, FileName)))
            _ml.Model.Save(_model, SchemaFor(_ml, Width), stream);
        var description = new SavedInputs(Inputs.Features, Inputs.VectorProducts, VectorDimensions);
        File.WriteAllText(Path.Combine(folder, InputsFileName), System.Text.Json.JsonSerializer.Serialize(description, SavedInputsJson));
    }

    /// <summary>The ranker saved in <paramref name="folder"/>, or null when there is none.</summary>
    public static LearnedRanker? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        var ml = new MLContext(seed: 1);
        ITransformer model;
        DataViewSchema input;
        using (var stream = File.OpenRead(path))
            model = ml.Model.Load(stream, out input);
        var width = input.GetColumnOrNull(nameof(RankingRow.Features))?.Type is VectorDataViewType { Size: var size } ? size : RelatedFeatures.Count;
        var (inputs, dimensions) = SavedInputsIn(folder, width);
        IReadOnlyList<float> importances = model is TransformerChain<ITransformer> chain && chain.LastTransformer is RankingPredictionTransformer<LightGbmRankingModelParameters> ranking
            ? Importances(ranking.Model)
            : [];
        return new LearnedRanker(ml, model, inputs, dimensions, importances);
    }

    /// <summary>Number of named features a ranker saved without <see cref="InputsFileName"/> reads (it also reads the vector products).</summary>
    private const int FeaturesOfRankersWithoutInputsFile = 25;

    private static (RankerInputs Inputs, int VectorDimensions) SavedInputsIn(string folder, int width)
    {
        var path = Path.Combine(folder, InputsFileName);
        if (!File.Exists(path))
            return (new RankerInputs(RelatedFeatures.Names.Take(FeaturesOfRankersWithoutInputsFile).ToList(), vectorProducts: true), width - FeaturesOfRankersWithoutInputsFile);
        var saved = System.Text.Json.JsonSerializer.Deserialize<SavedInputs>(File.ReadAllText(path), SavedInputsJson)
            ?? throw new InvalidDataException($"{path} is empty: train the model again with searchservice train-related.");
        var inputs = new RankerInputs(saved.Features, saved.VectorProducts);
        if (inputs.Width(saved.VectorDimensions) != width)
            throw new InvalidDataException($"{path} describes {inputs.Width(saved.VectorDimensions)} inputs but {FileName} reads {width}: the two files come from different trainings.");
        return (inputs, saved.VectorDimensions);
    }

    private sealed record SavedInputs(IReadOnlyList<string> Features, bool VectorProducts, int VectorDimensions);

    private static readonly System.Text.Json.JsonSerializerOptions SavedInputsJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Scores of <paramref name="inputs"/> (made by <see cref="Input"/>; higher is more related). Thread-safe.</summary>
    public float[] Score(IReadOnlyList<float[]> inputs)
    {
        if (inputs.Any(i => i.Length != Width)) throw new ArgumentException($"the model reads {Width} inputs per pair ({VectorDimensions}-dimension vectors)", nameof(inputs));
        if (!_engines.TryTake(out var engine)) engine = _ml.Model.CreatePredictionEngine<RankingRow, RankingScore>(_model, inputSchemaDefinition: SchemaDefinition(Width));
        try
        {
            var scores = new float[inputs.Count];
            var row = new RankingRow { Group = "", Features = [] };
            var score = new RankingScore();
            for (var i = 0; i < inputs.Count; i++)
            {
                row.Features = inputs[i];
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

    private static DataViewSchema SchemaFor(MLContext ml, int width) => ml.Data.LoadFromEnumerable(Array.Empty<RankingRow>(), SchemaDefinition(width)).Schema;

    private static SchemaDefinition SchemaDefinition(int width)
    {
        var definition = Microsoft.ML.Data.SchemaDefinition.Create(typeof(RankingRow));
        definition[nameof(RankingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return definition;
    }
}

/// <summary>One (source, candidate) pair: its judged relevance, its group (the source) and its model input (<see cref="LearnedRanker.Input"/>).</summary>
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
