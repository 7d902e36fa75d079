using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace SearchService.Core.Related;

/// <summary>
/// The ML.NET text pipeline of related-brief scoring: TF-IDF over word 1–2-grams and over character
/// 4-grams (<c>FeaturizeText</c>), and LDA topics (<c>LatentDirichletAllocation</c>) over word counts.
/// It is fitted once on a training corpus and shipped, so vocabulary, IDF weights and topics stay fixed;
/// then it is applied to every brief. Also keeps the top words of each topic, to explain shared themes.
/// LightLDA (native) prints progress on the process's standard output while it fits and infers: a program whose
/// stdout is data keeps native writes off it (the CLI does, for the commands that run this model).
/// </summary>
public sealed class BriefTextModel
{
    public const string FileName = "text-model.zip";
    public const string TopicsFileName = "topics.json";
    /// <summary>Long reports are cut here: the opening (title, summary, findings) says what a brief is about.</summary>
    private const int MaxCharacters = 20_000;
    private const int TopicWordsKept = 12;

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly string[] _wordTerms;
    private readonly ThreadLocal<PredictionEngine<TextRow, ProfileRow>> _engines;

    private BriefTextModel(MLContext ml, ITransformer model, IReadOnlyList<IReadOnlyList<string>> topicWords)
    {
        _ml = ml;
        _model = model;
        TopicWords = topicWords;
        _engines = new ThreadLocal<PredictionEngine<TextRow, ProfileRow>>(() => ml.Model.CreatePredictionEngine<TextRow, ProfileRow>(model));
        var schema = model.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<TextRow>()).Schema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema[WordsColumn].GetSlotNames(ref names);
        _wordTerms = names.DenseValues().Select(n => WordTerm(n.ToString())).ToArray();
    }

    private const string WordsColumn = "Words";
    private const string CharactersColumn = "Characters";
    private const string TopicsColumn = "Topics";

    /// <summary>The most probable words of each LDA topic, most probable first.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TopicWords { get; }

    public int TopicCount => TopicWords.Count;

    /// <summary>Fits the pipeline on <paramref name="texts"/> (one per brief).</summary>
    public static BriefTextModel Fit(IReadOnlyList<string> texts, int topics = 80, int seed = 1)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = Clip(t) }).ToList());
        var pipeline = ml.Transforms.Text.FeaturizeText(WordsColumn, TfIdf(words: true), nameof(TextRow.Text))
            .Append(ml.Transforms.Text.FeaturizeText(CharactersColumn, TfIdf(words: false), nameof(TextRow.Text)))
            .Append(ml.Transforms.Text.NormalizeText("Normalized", nameof(TextRow.Text), TextNormalizingEstimator.CaseMode.Lower, keepDiacritics: false, keepPunctuations: false, keepNumbers: false))
            .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens", "Normalized"))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens"))
            .Append(ml.Transforms.Conversion.MapValueToKey("TokenKeys", "Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("Counts", "TokenKeys", ngramLength: 1, useAllLengths: false, weighting: NgramExtractingEstimator.WeightingCriteria.Tf))
            .Append(ml.Transforms.Text.LatentDirichletAllocation(TopicsColumn, "Counts", numberOfTopics: topics, maximumNumberOfIterations: 200, numberOfThreads: 1, resetRandomGenerator: true));
        var model = pipeline.Fit(data);
        var lda = model.LastTransformer.GetLdaDetails(0);
        var topicWords = lda.WordScoresPerTopic
            .Select(topic => (IReadOnlyList<string>)topic.OrderByDescending(w => w.Score).Take(TopicWordsKept).Select(w => w.Word).ToList())
            .ToList();
        return new BriefTextModel(ml, model, topicWords);
    }

    /// <summary>Writes <see cref="FileName"/> and <see cref="TopicsFileName"/> into <paramref name="folder"/>.</summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        using (var stream = File.Create(Path.Combine(folder, FileName)))
            _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(Array.Empty<TextRow>()).Schema, stream);
        File.WriteAllText(Path.Combine(folder, TopicsFileName), JsonSerializer.Serialize(TopicWords, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// The model saved in <paramref name="folder"/>, or null when the folder holds none.
    /// </summary>
    public static BriefTextModel? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var topicsPath = Path.Combine(folder, TopicsFileName);
        if (!File.Exists(path) || !File.Exists(topicsPath)) return null;
        var ml = new MLContext(seed: 1);
        using var stream = File.OpenRead(path);
        var model = ml.Model.Load(stream, out _);
        var topicWords = JsonSerializer.Deserialize<List<List<string>>>(File.ReadAllText(topicsPath))
            ?? throw new InvalidDataException($"{topicsPath} holds no topic list; retrain the related model (searchservice train-related).");
        return new BriefTextModel(ml, model, topicWords);
    }

    /// <summary>
    /// The profiles of <paramref name="texts"/>, in order. Thread-safe: each thread featurizes through its own prediction
    /// engine, one text at a time, on the calling thread. A transform of the batch instead split it between ML.NET's
    /// own background threads, at normal priority beside the related-list workers' nice 19, and was slower a text
    /// (measured in docs/scaling.md).
    /// </summary>
    internal BriefTextProfile[] Featurize(IReadOnlyList<string> texts)
    {
        var engine = _engines.Value!;
        var result = new BriefTextProfile[texts.Count];
        var row = new TextRow();
        var output = new ProfileRow();
        for (var i = 0; i < texts.Count; i++)
        {
            row.Text = Clip(texts[i]);
            engine.Predict(row, ref output);
            var topicVector = output.Topics.DenseValues().ToArray();
            var norm = TensorPrimitives.Norm(topicVector);
            if (norm > 0) TensorPrimitives.Divide(topicVector, norm, topicVector);
            result[i] = new BriefTextProfile(ToSparse(output.Words), ToSparse(output.Characters), topicVector);
        }
        return result;
    }

    /// <summary>The word or two-word phrase of a word-feature dimension.</summary>
    internal string WordTermAt(int index) => index < _wordTerms.Length ? _wordTerms[index] : "";

    private static TextFeaturizingEstimator.Options TfIdf(bool words) => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = false,
        StopWordsRemoverOptions = words ? new StopWordsRemovingEstimator.Options { Language = TextFeaturizingEstimator.Language.English } : null,
        WordFeatureExtractor = words ? new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf } : null,
        CharFeatureExtractor = words ? null : new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private static SparseVector ToSparse(VBuffer<float> buffer)
    {
        if (!buffer.IsDense) return new SparseVector(buffer.GetIndices().ToArray(), buffer.GetValues().ToArray());
        var indices = new List<int>();
        var values = new List<float>();
        var dense = buffer.GetValues();
        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] == 0) continue;
            indices.Add(i);
            values.Add(dense[i]);
        }
        return new SparseVector([.. indices], [.. values]);
    }

    /// <summary>"Word.water|infrastructure" becomes "water infrastructure".</summary>
    private static string WordTerm(string slotName)
    {
        var dot = slotName.IndexOf('.', StringComparison.Ordinal);
        return (dot >= 0 ? slotName[(dot + 1)..] : slotName).Replace('|', ' ');
    }

    private static string Clip(string text) => text.Length <= MaxCharacters ? text : text[..MaxCharacters];

    /// <summary>The pipeline's input row.</summary>
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    /// <summary>The pipeline's outputs a profile is made of.</summary>
    private sealed class ProfileRow
    {
        public VBuffer<float> Words { get; set; }
        public VBuffer<float> Characters { get; set; }
        public VBuffer<float> Topics { get; set; }
    }
}
