using System.Text.Json;
using SearchService.Core.Evaluation;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Trains the related-brief model on a BEIR-layout dataset whose queries are corpus documents and whose
/// judgments grade how related other documents are: fits the text pipeline on the corpus, computes the
/// pair features of every judged source's candidates with the serving code, measures the ranker by
/// k-fold cross-validation over sources (each source scored by a model that never saw it), then trains
/// on every source and saves the model.
/// </summary>
public static class RelatedModelTrainer
{
    public const string ManifestFileName = "related-model.json";
    private const int Depth = 100;

    /// <summary>How the report names the ranker's vector inputs (<see cref="LearnedRanker.Input"/>).</summary>
    public const string VectorProducts = "BriefVectorProducts";

    /// <summary>Training settings: folds of the cross-validation, LDA topics, ranker settings.</summary>
    public sealed record Settings(int Folds = 5, int Topics = 80, int Seed = 1)
    {
        public LearnedRanker.Settings Ranker { get; init; } = new();
    }

    /// <summary>
    /// Trains and saves into <paramref name="outFolder"/>. <paramref name="index"/> holds the dataset's corpus
    /// (with vectors: the vector features are part of the model).
    /// </summary>
    public static RelatedTrainingReport Train(BriefIndex index, BeirDataset dataset, string outFolder, Settings settings, string encoderName, Action<string>? log = null)
    {
        log?.Invoke($"fitting the text pipeline (TF-IDF, LDA with {settings.Topics} topics) on {dataset.Corpus.Count} documents");
        var texts = dataset.Corpus.Select(d => RelatedText.Of(BeirIndexer.ToBrief(d))).ToList();
        var textModel = BriefTextModel.Fit(texts, settings.Topics, settings.Seed);

        log?.Invoke("computing pair features of every judged source's candidates");
        var groups = PairGroups(index, dataset, textModel);
        log?.Invoke($"{groups.Count} sources, {groups.Sum(g => g.Candidates.Count)} pairs");

        var heldOut = CrossValidate(groups, settings, log);

        log?.Invoke("training on every source");
        var ranker = LearnedRanker.Train(Rows(groups), settings.Ranker);
        var vectorGain = ranker.FeatureImportances.Skip(RelatedFeatures.Count).Sum();
        textModel.Save(outFolder);
        ranker.Save(outFolder);

        var report = new RelatedTrainingReport(
            dataset.Name, dataset.Corpus.Count, groups.Count, groups.Sum(g => g.Candidates.Count), settings.Folds, encoderName,
            heldOut,
            RelatedFeatures.Names.Select((name, i) => new FeatureImportance(name, i < ranker.FeatureImportances.Count ? Math.Round(ranker.FeatureImportances[i], 4) : 0))
                .Append(new FeatureImportance($"{VectorProducts} ({ranker.VectorDimensions}, summed)", Math.Round(vectorGain, 4)))
                .ToList(),
            settings);
        File.WriteAllText(Path.Combine(outFolder, ManifestFileName), JsonSerializer.Serialize(report, ManifestJson));
        return report;
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static List<PairGroup> PairGroups(BriefIndex index, BeirDataset dataset, BriefTextModel textModel)
    {
        var ranker = new RelatedBriefRanker(index.Analyzer, new RelatedModel(textModel, null), index.Vectors);
        var searcher = index.Searchers.Acquire();
        try
        {
            return dataset.Judgments.Keys.Order(StringComparer.Ordinal)
                .Select(id => (Id: id, Ranking: ranker.Rank(searcher, id, RelatedScoring.Fixed)))
                .Where(r => r.Ranking is not null)
                .Select(r => new PairGroup(r.Id, r.Ranking!.SourceVector ?? throw NoVectors(r.Id), r.Ranking.Candidates.Where(c => c.Vector is not null).ToList(), dataset.Judgments[r.Id]))
                .ToList();
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }

    private static InvalidOperationException NoVectors(string id) =>
        new($"Brief {id} has no vector: the ranker learns from brief vectors, so train on an index built with a sentence encoder.");

    private static List<HeldOutResult> CrossValidate(List<PairGroup> groups, Settings settings, Action<string>? log)
    {
        var random = new Random(settings.Seed);
        var fold = groups.Select(g => g.SourceId).OrderBy(_ => random.Next())
            .Select((id, i) => (id, i % settings.Folds))
            .ToDictionary(x => x.id, x => x.Item2);

        // Folds train on every core at once (each model on one thread, so the results do not depend on the machine).
        var learned = new System.Collections.Concurrent.ConcurrentDictionary<string, float[]>();
        var done = 0;
        Parallel.For(0, settings.Folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            var training = groups.Where(g => fold[g.SourceId] != k).ToList();
            var model = LearnedRanker.Train(Rows(training), settings.Ranker);
            foreach (var group in groups.Where(g => fold[g.SourceId] == k))
                learned[group.SourceId] = model.Score(group.Inputs());
            log?.Invoke($"fold {Interlocked.Increment(ref done)}/{settings.Folds} done");
        });

        var orderings = new (string Name, Func<PairGroup, int, float> Score)[]
        {
            ("MoreLikeThis", (g, i) => g.Candidates[i].LexicalScore),
            ("brief vector cosine", (g, i) => float.IsNaN(g.Candidates[i].VectorScore) ? float.NegativeInfinity : g.Candidates[i].VectorScore),
            ("fixed weighting", (g, i) => FixedRelatedWeighting.Score(g.Candidates[i].Features)),
            ("LightGbm ranker (held out)", (g, i) => learned[g.SourceId][i]),
        };
        return orderings.Select(o => Measure(o.Name, groups, o.Score)).ToList();
    }

    private static HeldOutResult Measure(string name, List<PairGroup> groups, Func<PairGroup, int, float> score)
    {
        var ndcg = new List<double>();
        var recall = new List<double>();
        var mrr = new List<double>();
        foreach (var group in groups)
        {
            var ranked = Enumerable.Range(0, group.Candidates.Count)
                .OrderByDescending(i => score(group, i)).ThenBy(i => group.Candidates[i].Doc)
                .Take(Depth)
                .Select(i => group.Candidates[i].Facts.Id)
                .ToList();
            var relevance = group.Judged;
            ndcg.Add(RankingMetrics.NdcgAt(10, ranked, relevance));
            recall.Add(RankingMetrics.RecallAt(100, ranked, relevance));
            mrr.Add(RankingMetrics.MrrAt(10, ranked, relevance));
        }
        return new HeldOutResult(name, Math.Round(ndcg.Average(), 4), Math.Round(recall.Average(), 4), Math.Round(mrr.Average(), 4));
    }

    private static List<RankingRow> Rows(IEnumerable<PairGroup> groups) =>
        groups.SelectMany(g => g.Candidates.Zip(g.Inputs(), (c, input) => new RankingRow { Group = g.SourceId, Label = g.Label(c.Facts.Id), Features = input })).ToList();

    /// <summary>One judged source with its candidates; unjudged candidates count as unrelated (grade 0).</summary>
    private sealed record PairGroup(string SourceId, float[] SourceVector, List<RelatedCandidate> Candidates, IReadOnlyDictionary<string, int> Judged)
    {
        public float Label(string id) => Judged.GetValueOrDefault(id);

        /// <summary>The ranker's inputs, made when needed: with the vector products they are 30 times the size of the features.</summary>
        public List<float[]> Inputs() => Candidates.Select(c => LearnedRanker.Input(c.Features, SourceVector, c.Vector)).ToList();
    }
}

/// <summary>What training measured: cross-validated quality of each ordering, and the final model's feature importances.</summary>
public sealed record RelatedTrainingReport(
    string Dataset, int Documents, int Sources, int Pairs, int Folds, string Encoder,
    IReadOnlyList<HeldOutResult> CrossValidation, IReadOnlyList<FeatureImportance> FeatureImportances,
    RelatedModelTrainer.Settings Settings);

/// <summary>Quality of one ordering over every source, each scored when held out.</summary>
public sealed record HeldOutResult(string Ordering, double Ndcg10, double Recall100, double Mrr10);

public sealed record FeatureImportance(string Feature, double Gain);
