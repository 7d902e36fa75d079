using System.Collections.Concurrent;
using System.Text.Json;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Core.Relevance;

namespace SearchService.Core.Related;

/// <summary>
/// Trains the related-brief model on a BEIR-layout dataset whose queries are corpus documents and whose judgments
/// grade how related other documents are, and measures it by a protocol in which no test document reaches training:
/// the documents are split into two disjoint halves (<see cref="DocumentSplit"/>), each indexed as a corpus of its
/// own (candidates, neighbour statistics and text profiles computed within that half only); the text pipeline is
/// fitted and the ranker trained on one half, and every ordering is measured on the other half's queries, in both
/// directions. Then the model is trained on every document and saved: the text pipeline always, the ranker only
/// where it won (fused with the fixed weighting, it ranked better than the fixed weighting alone on the split), unless
/// told otherwise (<see cref="RankerShipping"/>).
/// </summary>
public static class RelatedModelTrainer
{
    public const string ManifestFileName = "related-model.json";
    private const int Depth = 100;

    /// <summary>How the report names the ranker's vector inputs.</summary>
    public const string VectorProducts = "BriefVectorProducts";

    /// <summary>
    /// The inputs the shipped ranker reads, chosen by the split protocol (docs/related-evaluation.md): similarities,
    /// gaps, ranks and neighbourhood features relative to the source's own candidates; no raw vector directions.
    /// </summary>
    public static RankerInputs DefaultInputs { get; } = new(
    [
        nameof(RelatedFeatures.HubnessAdjustedCosine), nameof(RelatedFeatures.BriefCosineGap), nameof(RelatedFeatures.BriefCosineRank),
        nameof(RelatedFeatures.BestPassageCosine),
        nameof(RelatedFeatures.HubnessAdjustedWordTfidf), nameof(RelatedFeatures.WordTfidfGap), nameof(RelatedFeatures.WordTfidfRank),
        nameof(RelatedFeatures.CharacterTfidfGap), nameof(RelatedFeatures.TopicCosine),
        nameof(RelatedFeatures.LexicalScore), nameof(RelatedFeatures.LexicalRank),
        nameof(RelatedFeatures.NeighbourhoodCosine), nameof(RelatedFeatures.NeighbourhoodGap), nameof(RelatedFeatures.NeighbourhoodWordTfidfCosine),
        nameof(RelatedFeatures.NeighbourhoodTopicCosine),
        nameof(RelatedFeatures.SharedNeighbours), nameof(RelatedFeatures.SharedWordNeighbours), nameof(RelatedFeatures.SourceAmongNeighbours),
        nameof(RelatedFeatures.YearsApart), nameof(RelatedFeatures.ExpandedCosine), nameof(RelatedFeatures.TitleCosine), nameof(RelatedFeatures.NeighbourhoodTitleCosine),
    ], vectorProducts: false);

    /// <summary>
    /// The shipped ranker's size, chosen by the split protocol: strongly regularised (4 leaves, 100 trees, at least 400
    /// pairs per leaf), because bigger models learn the training half's briefs and lose on the other half.
    /// </summary>
    public static LearnedRanker.Settings DefaultRanker { get; } = new(Leaves: 4, Iterations: 100, MinimumExamplesPerLeaf: 400) { Inputs = DefaultInputs };

    /// <summary>Training settings: the document split of the protocol, LDA topics, the ranker, and other rankers to measure beside it.</summary>
    public sealed record Settings(int Topics = 80, int Seed = 1)
    {
        public DocumentSplitKind Split { get; init; } = DocumentSplitKind.Documents;
        public LearnedRanker.Settings Ranker { get; init; } = DefaultRanker;
        /// <summary>Rankers measured on the same split as <see cref="Ranker"/>, to choose inputs and model size; never saved.</summary>
        public IReadOnlyList<NamedRanker> Alternatives { get; init; } = [];
        public RankerShipping ShipRanker { get; init; } = RankerShipping.WhereItWins;
    }

    /// <summary>Whether the trained ranker is saved with the model (and then served, fused with the fixed weighting).</summary>
    public enum RankerShipping
    {
        /// <summary>Only where the fused order beat the fixed weighting alone on the split's mean nDCG@10.</summary>
        WhereItWins,
        Always,
        /// <summary>The text pipeline alone: the fixed weighting serves.</summary>
        Never,
    }

    /// <summary>A ranker configuration measured by the protocol.</summary>
    public sealed record NamedRanker(string Name, LearnedRanker.Settings Settings);

    /// <summary>
    /// Candidate configurations for <c>train-related --compare</c>: the former inputs (every feature and the vector
    /// products), every named feature, the relative features, fewer stronger ones, and stronger regularisation.
    /// </summary>
    public static IReadOnlyList<NamedRanker> Comparisons { get; } =
    [
        new("every feature + vector products, 16 leaves/300 trees/50 per leaf", new() { Inputs = RankerInputs.Everything }),
        new("every named feature, 16/300/50", new() { Inputs = RankerInputs.NamedFeatures }),
        new("every named feature, 8/150/200", new(Leaves: 8, Iterations: 150, MinimumExamplesPerLeaf: 200) { Inputs = RankerInputs.NamedFeatures }),
        new("relative features, 16/300/50", new() { Inputs = DefaultInputs }),
        new("relative features, 8/150/200", new(Leaves: 8, Iterations: 150, MinimumExamplesPerLeaf: 200) { Inputs = DefaultInputs }),
        new("relative features, 4/100/400", new(Leaves: 4, Iterations: 100, MinimumExamplesPerLeaf: 400) { Inputs = DefaultInputs }),
        new("relative features, 4/300/400 at rate 0.02", new(Leaves: 4, Iterations: 300, LearningRate: 0.02, MinimumExamplesPerLeaf: 400) { Inputs = DefaultInputs }),
        new("relative features, 2/200/800", new(Leaves: 2, Iterations: 200, MinimumExamplesPerLeaf: 800) { Inputs = DefaultInputs }),
        new("relative features, 4/100/1600", new(Leaves: 4, Iterations: 100, MinimumExamplesPerLeaf: 1600) { Inputs = DefaultInputs }),
        new("every named feature, 4/100/400", new(Leaves: 4, Iterations: 100, MinimumExamplesPerLeaf: 400) { Inputs = RankerInputs.NamedFeatures }),
        new("every named feature, 2/200/800", new(Leaves: 2, Iterations: 200, MinimumExamplesPerLeaf: 800) { Inputs = RankerInputs.NamedFeatures }),
        new("every feature + vector products, 4/100/400", new(Leaves: 4, Iterations: 100, MinimumExamplesPerLeaf: 400) { Inputs = RankerInputs.Everything }),
        new("8 strongest relative features, 8/150/200", new(Leaves: 8, Iterations: 150, MinimumExamplesPerLeaf: 200)
        {
            Inputs = new RankerInputs(
            [
                nameof(RelatedFeatures.HubnessAdjustedCosine), nameof(RelatedFeatures.HubnessAdjustedWordTfidf), nameof(RelatedFeatures.NeighbourhoodWordTfidfCosine),
                nameof(RelatedFeatures.NeighbourhoodCosine), nameof(RelatedFeatures.SharedNeighbours), nameof(RelatedFeatures.LexicalScore),
                nameof(RelatedFeatures.BriefCosineRank), nameof(RelatedFeatures.WordTfidfRank),
            ], vectorProducts: false),
        }),
    ];

    /// <summary>
    /// Measures by the split protocol, then (when <paramref name="outFolder"/> is given) trains on every document and
    /// saves the model there. Documents are embedded by <paramref name="embedder"/> (the vector features are part of
    /// the model; its cache makes the three indexes cost one encoding).
    /// </summary>
    public static RelatedTrainingReport Train(BeirDataset dataset, PassageEmbedder embedder, string? outFolder, Settings settings, Action<string>? log = null)
    {
        var split = DocumentSplit.Of(dataset, settings.Split);
        log?.Invoke($"split: {split.Description}");
        var errors = new ErrorTally();
        var work = Directory.CreateTempSubdirectory("searchservice-train-").FullName;
        try
        {
            using var first = IndexOf(split.First, embedder, Path.Combine(work, "first"), log);
            using var second = IndexOf(split.Second, embedder, Path.Combine(work, "second"), log);
            var rankers = new[] { new NamedRanker(LearnedName, settings.Ranker) }.Concat(settings.Alternatives).ToList();
            var directions = new[]
            {
                Direction(split.First, first, split.Second, second, settings, rankers, errors, log),
                Direction(split.Second, second, split.First, first, settings, rankers, errors, log),
            };
            var mean = directions[0].Orderings.Select((row, i) => new HeldOutResult(row.Ordering,
                Math.Round(directions.Average(d => d.Orderings[i].Ndcg10), 4),
                Math.Round(directions.Average(d => d.Orderings[i].Recall100), 4),
                Math.Round(directions.Average(d => d.Orderings[i].Mrr10), 4))).ToList();

            var served = Served(mean, settings.ShipRanker);
            log?.Invoke($"served: {served}");
            var (sources, pairs, importances) = outFolder is null ? (dataset.Judgments.Count, 0, [])
                : TrainOnEverything(dataset, embedder, Path.Combine(work, "all"), outFolder, settings, withRanker: served == FusedName, errors, log);
            var report = new RelatedTrainingReport(dataset.Name, dataset.Corpus.Count, sources, pairs, embedder.Encoder.ModelName, split.Description, directions, mean, importances, settings)
            {
                Errors = errors.Count,
                FirstError = errors.First,
                Served = served,
            };
            if (outFolder is not null) File.WriteAllText(Path.Combine(outFolder, ManifestFileName), JsonSerializer.Serialize(report, ManifestJson));
            return report;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>How the report names the fixed weighting's ordering.</summary>
    public const string FixedName = "fixed weighting";

    /// <summary>How the report names the ordering of the ranker that is saved.</summary>
    public const string LearnedName = "learned ranker";

    /// <summary>How the report names the ranker fused with the fixed weighting: what the service serves where a ranker ships.</summary>
    public const string FusedName = "learned ranker + fixed weighting (fused)";

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static BriefIndex IndexOf(BeirDataset dataset, PassageEmbedder embedder, string folder, Action<string>? log)
    {
        var index = BriefIndex.Open(folder);
        log?.Invoke($"indexing {dataset.Name}: {dataset.Corpus.Count} documents, {dataset.Judgments.Count} judged sources");
        BeirIndexer.Index(index, dataset, embedder);
        return index;
    }

    /// <summary>Fits and trains on <paramref name="train"/> alone, then measures every ordering on <paramref name="test"/>.</summary>
    private static SplitDirection Direction(BeirDataset train, BriefIndex trainIndex, BeirDataset test, BriefIndex testIndex, Settings settings,
        IReadOnlyList<NamedRanker> rankers, ErrorTally errors, Action<string>? log)
    {
        log?.Invoke($"train on {train.Name}, test on {test.Name}: fitting the text pipeline on the training half");
        var textModel = BriefTextModel.Fit(Texts(train), settings.Topics, settings.Seed);
        var trainGroups = PairGroups(trainIndex, train, textModel, errors).Where(g => g.Candidates.Count > 0).ToList();
        var testGroups = PairGroups(testIndex, test, textModel, errors);
        var dimensions = trainGroups.Select(g => g.SourceVector.Length).FirstOrDefault(l => l > 0);
        log?.Invoke($"{trainGroups.Count} training sources ({trainGroups.Sum(g => g.Candidates.Count)} pairs), {testGroups.Count} test sources; training {rankers.Count} ranker(s)");

        var learned = new ConcurrentDictionary<int, float[][]>();
        Parallel.For(0, rankers.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, r =>
        {
            var inputs = rankers[r].Settings.Inputs ?? DefaultInputs;
            try
            {
                var model = LearnedRanker.Train(Rows(trainGroups, inputs), rankers[r].Settings, inputs, dimensions);
                learned[r] = testGroups.Select(g => g.Candidates.Count == 0 ? [] : model.Score(g.Inputs(inputs))).ToArray();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // As the service does without a ranker, the fixed weighting orders this row; the error says so.
                errors.Add($"ranker '{rankers[r].Name}' trained on {train.Name}: {e.GetType().Name}: {e.Message} (scored by the fixed weighting)");
                learned[r] = testGroups.Select(g => g.Candidates.Select(c => FixedRelatedWeighting.Score(c.Features)).ToArray()).ToArray();
            }
        });

        var orderings = new List<(string Name, Func<int, PairGroup, int, float> Score)>
        {
            ("MoreLikeThis", (_, g, i) => g.Candidates[i].LexicalScore),
            ("brief vector cosine", (_, g, i) => float.IsNaN(g.Candidates[i].VectorScore) ? float.NegativeInfinity : g.Candidates[i].VectorScore),
            (FixedName, (_, g, i) => FixedRelatedWeighting.Score(g.Candidates[i].Features)),
        };
        for (var r = 0; r < rankers.Count; r++)
        {
            var ranker = r;
            orderings.Add((rankers[r].Name, (group, g, i) => learned[ranker][group][i]));
        }
        // What the service serves with the ranker: its order fused with the fixed weighting's.
        var fused = testGroups.Select((g, group) => RelatedRankFusion.Fuse(learned[0][group], g.Candidates.Select(c => FixedRelatedWeighting.Score(c.Features)).ToArray())).ToArray();
        orderings.Add((FusedName, (group, g, i) => fused[group][i]));
        var results = orderings.Select(o => Measure(o.Name, testGroups, o.Score)).ToList();
        return new SplitDirection(train.Name, test.Name, train.Corpus.Count, trainGroups.Count, test.Corpus.Count, testGroups.Count, results);
    }

    /// <summary>
    /// What the service will serve with the model trained from this split's <paramref name="mean"/>: the ranker fused
    /// with the fixed weighting (<see cref="FusedName"/>), or the fixed weighting alone (<see cref="FixedName"/>).
    /// </summary>
    public static string Served(IReadOnlyList<HeldOutResult> mean, RankerShipping shipping) => shipping switch
    {
        RankerShipping.Always => FusedName,
        RankerShipping.Never => FixedName,
        _ => mean.Single(r => r.Ordering == FusedName).Ndcg10 > mean.Single(r => r.Ordering == FixedName).Ndcg10 ? FusedName : FixedName,
    };

    private static (int Sources, int Pairs, IReadOnlyList<FeatureImportance> Importances) TrainOnEverything(
        BeirDataset dataset, PassageEmbedder embedder, string folder, string outFolder, Settings settings, bool withRanker, ErrorTally errors, Action<string>? log)
    {
        log?.Invoke($"training the shipped model on every document: text pipeline (TF-IDF, LDA with {settings.Topics} topics){(withRanker ? ", then the ranker" : "")}");
        var textModel = BriefTextModel.Fit(Texts(dataset), settings.Topics, settings.Seed);
        if (!withRanker)
        {
            textModel.Save(outFolder);
            // A ranker left from an earlier training would be loaded with this text model and served.
            LearnedRanker.Delete(outFolder);
            return (dataset.Judgments.Count, 0, []);
        }
        using var index = IndexOf(dataset, embedder, folder, log);
        var groups = PairGroups(index, dataset, textModel, errors).Where(g => g.Candidates.Count > 0).ToList();
        var inputs = settings.Ranker.Inputs ?? DefaultInputs;
        var dimensions = groups.Select(g => g.SourceVector.Length).FirstOrDefault(l => l > 0);
        var ranker = LearnedRanker.Train(Rows(groups, inputs), settings.Ranker, inputs, dimensions);
        textModel.Save(outFolder);
        ranker.Save(outFolder);

        var gains = ranker.FeatureImportances;
        var importances = inputs.Features.Select((name, i) => new FeatureImportance(name, i < gains.Count ? Math.Round(gains[i], 4) : 0)).ToList();
        if (inputs.VectorProducts)
            importances.Add(new FeatureImportance($"{VectorProducts} ({dimensions}, summed)", Math.Round(gains.Skip(inputs.Features.Count).Sum(), 4)));
        return (groups.Count, groups.Sum(g => g.Candidates.Count), importances);
    }

    private static List<string> Texts(BeirDataset dataset) => dataset.Corpus.Select(d => RelatedText.Of(BeirIndexer.ToBrief(d))).ToList();

    /// <summary>
    /// The pair features of every judged source's candidates, with the serving code. A source that fails is counted
    /// and kept with no candidates (scored as an empty ranking): one bad document never ends a training.
    /// </summary>
    private static List<PairGroup> PairGroups(BriefIndex index, BeirDataset dataset, BriefTextModel textModel, ErrorTally errors)
    {
        var ranker = RelatedLists.For(index, new RelatedModel(textModel, null)).Ranker;
        var ids = dataset.Judgments.Keys.Order(StringComparer.Ordinal).ToList();
        var groups = new PairGroup[ids.Count];
        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
        Parallel.For(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var id = ids[i];
            try
            {
                var ranking = ranker.Rank(searcher, id, RelatedScoring.Fixed) ?? throw new InvalidOperationException($"{dataset.Name} judges {id}, which is not in its corpus");
                var vector = ranking.SourceVector ?? throw new InvalidOperationException($"brief {id} has no vector: the ranker learns from brief vectors, so train on an index built with a sentence encoder");
                groups[i] = new PairGroup(id, vector, ranking.Candidates.Where(c => c.Vector is not null).ToList(), dataset.Judgments[id]);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                errors.Add($"source {id} in {dataset.Name}: {e.GetType().Name}: {e.Message}");
                groups[i] = new PairGroup(id, [], [], dataset.Judgments[id]);
            }
        });
        return [.. groups];
    }

    private static HeldOutResult Measure(string name, List<PairGroup> groups, Func<int, PairGroup, int, float> score)
    {
        var ndcg = new List<double>();
        var recall = new List<double>();
        var mrr = new List<double>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var ranked = Enumerable.Range(0, group.Candidates.Count)
                .OrderByDescending(i => score(g, group, i)).ThenBy(i => group.Candidates[i].Doc)
                .Take(Depth)
                .Select(i => group.Candidates[i].Facts.Id)
                .ToList();
            ndcg.Add(RankingMetrics.NdcgAt(10, ranked, group.Judged));
            recall.Add(RankingMetrics.RecallAt(100, ranked, group.Judged));
            mrr.Add(RankingMetrics.MrrAt(10, ranked, group.Judged));
        }
        return new HeldOutResult(name, Math.Round(ndcg.DefaultIfEmpty().Average(), 4), Math.Round(recall.DefaultIfEmpty().Average(), 4), Math.Round(mrr.DefaultIfEmpty().Average(), 4));
    }

    private static List<RankingRow> Rows(IEnumerable<PairGroup> groups, RankerInputs inputs) =>
        groups.SelectMany(g => g.Candidates.Zip(g.Inputs(inputs), (c, input) => new RankingRow { Group = g.SourceId, Label = g.Label(c.Facts.Id), Features = input })).ToList();

    /// <summary>One judged source with its candidates; unjudged candidates count as unrelated (grade 0).</summary>
    private sealed record PairGroup(string SourceId, float[] SourceVector, List<RelatedCandidate> Candidates, IReadOnlyDictionary<string, int> Judged)
    {
        public float Label(string id) => Judged.GetValueOrDefault(id);

        /// <summary>The ranker's inputs, made when needed: with the vector products they are 30 times the size of the features.</summary>
        public List<float[]> Inputs(RankerInputs inputs) => Candidates.Select(c => inputs.Build(c.Features, SourceVector, c.Vector)).ToList();
    }

    /// <summary>Failures counted across threads, with the first message kept.</summary>
    private sealed class ErrorTally
    {
        private int _count;
        private string? _first;

        public int Count => Volatile.Read(ref _count);
        public string? First => Volatile.Read(ref _first);

        public void Add(string message)
        {
            Interlocked.Increment(ref _count);
            Interlocked.CompareExchange(ref _first, message, null);
        }
    }
}

/// <summary>
/// What training measured: every ordering on each direction of the document split and their mean, the final model's
/// feature importances, and how many sources failed (kept as empty rankings) with the first failure.
/// </summary>
public sealed record RelatedTrainingReport(
    string Dataset, int Documents, int Sources, int Pairs, string Encoder, string Split,
    IReadOnlyList<SplitDirection> Directions, IReadOnlyList<HeldOutResult> Mean, IReadOnlyList<FeatureImportance> FeatureImportances,
    RelatedModelTrainer.Settings Settings)
{
    public int Errors { get; init; }
    public string? FirstError { get; init; }
    /// <summary>The ordering the saved model serves (<see cref="RelatedModelTrainer.Served"/>), named as in <see cref="Mean"/>.</summary>
    public string Served { get; init; } = RelatedModelTrainer.FixedName;
}

/// <summary>One direction of the split: trained on one half, every ordering measured on the other half's sources.</summary>
public sealed record SplitDirection(string Train, string Test, int TrainDocuments, int TrainSources, int TestDocuments, int TestSources, IReadOnlyList<HeldOutResult> Orderings);

/// <summary>Quality of one ordering over the test sources, each scored by a model that never saw its half.</summary>
public sealed record HeldOutResult(string Ordering, double Ndcg10, double Recall100, double Mrr10);

public sealed record FeatureImportance(string Feature, double Gain);
