using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Relevance;

namespace SearchService.Core.Evaluation;

/// <summary>
/// One evaluation as <c>searchservice eval</c> and the benchmarks run it: a temporary index of the
/// dataset (with vectors for semantic and hybrid modes), then every judged query through the service's
/// own ranking path (search) or related-brief path (related), without filters, facets or snippets.
/// </summary>
public static class EvaluationRun
{
    public const int Depth = 100;

    public static EvaluationReport Run(BeirDataset data, string mode, string task, PassageEmbedder? embedder,
        FusionMethod fusion = FusionMethod.ZScore, float? semanticWeight = null, Action<int, int>? progress = null,
        RelatedModel? relatedModel = null, RelatedScoring relatedScoring = RelatedScoring.Model)
    {
        if (mode != KeywordSearchMode.ModeName && embedder is null)
            throw new ArgumentException($"mode {mode} needs a sentence encoder", nameof(embedder));
        var folder = Directory.CreateTempSubdirectory("searchservice-eval-").FullName;
        try
        {
            using var index = BriefIndex.Open(folder);
            var indexTime = BeirIndexer.Index(index, data, mode == KeywordSearchMode.ModeName && task == "search" ? null : embedder, progress);
            if (task == "related")
            {
                // As the service does at start-up, what related scoring keeps in memory is computed before timing starts.
                var finder = new RelatedBriefFinder(index, relatedModel);
                finder.Warm();
                var relatedLabel = $"{mode}, {relatedScoring.ToString().ToLowerInvariant()} ({finder.Model.Describe()})";
                return RankingEvaluator.Evaluate(data, (id, _) => finder.FindIds(id, Depth, relatedScoring).Select(h => h.Id).ToList(), relatedLabel, task, indexTime.TotalSeconds);
            }

            var searcher = Searcher(index, embedder, fusion, semanticWeight);
            var encoder = embedder?.Encoder;
            var weight = semanticWeight ?? (encoder is null ? HybridSearchMode.SemanticWeight : HybridSearchMode.SemanticWeightFor(encoder));
            var label = mode switch
            {
                HybridSearchMode.ModeName => $"hybrid ({fusion}{(fusion == FusionMethod.Rrf ? "" : $" {weight:0.##}")}, {encoder!.ModelName})",
                SemanticSearchMode.ModeName => $"semantic ({encoder!.ModelName})",
                _ => mode,
            };
            return RankingEvaluator.Evaluate(data, (_, text) => searcher.RankIds(new SearchRequest(text) { Mode = mode }, Depth), label, task, indexTime.TotalSeconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Search latency alone, for queries without judgments (such as the short queries of a search box): a
    /// temporary index of <paramref name="data"/>'s corpus, then each of <paramref name="queries"/> ranked as
    /// <see cref="Run"/> ranks them. Per-query milliseconds, warm.
    /// </summary>
    public static List<double> SearchLatencies(BeirDataset data, string mode, IReadOnlyList<string> queries, PassageEmbedder? embedder)
    {
        if (mode != KeywordSearchMode.ModeName && embedder is null)
            throw new ArgumentException($"mode {mode} needs a sentence encoder", nameof(embedder));
        var folder = Directory.CreateTempSubdirectory("searchservice-eval-").FullName;
        try
        {
            using var index = BriefIndex.Open(folder);
            BeirIndexer.Index(index, data, mode == KeywordSearchMode.ModeName ? null : embedder);
            var searcher = Searcher(index, embedder, FusionMethod.ZScore, semanticWeight: null);
            return RankingEvaluator.Latencies(queries, text => searcher.RankIds(new SearchRequest(text) { Mode = mode }, Depth));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static BriefSearcher Searcher(BriefIndex index, PassageEmbedder? embedder, FusionMethod fusion, float? semanticWeight)
    {
        var encoder = embedder?.Encoder;
        IReadOnlyList<ISearchMode> modes = encoder is null ? [] :
        [
            new SemanticSearchMode(encoder),
            new HybridSearchMode(new KeywordSearchMode(index), new SemanticSearchMode(encoder), fusion, semanticWeight),
        ];
        return new BriefSearcher(index, modes);
    }

    /// <summary>"zscore:0.6", "minmax:0.5", "rrf", "zscore": a fusion to measure; without a weight, the one the service uses for the encoder.</summary>
    public static (FusionMethod Method, float? Weight) ParseFusion(string fusion)
    {
        var parts = fusion.Split(':', 2);
        var method = Enum.TryParse<FusionMethod>(parts[0], ignoreCase: true, out var parsed) ? parsed
            : throw new ArgumentException($"fusion must be zscore[:weight], minmax[:weight] or rrf (got '{fusion}').");
        var weight = parts.Length == 2 ? float.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : (float?)null;
        return (method, weight);
    }
}
