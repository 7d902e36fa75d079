using SearchService.Core.Evaluation;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    private static readonly Dictionary<string, int> Judged = new() { ["a"] = 3, ["b"] = 1, ["z"] = 0 };

    [Fact]
    public void Ndcg_is_one_for_the_ideal_ranking_and_discounts_later_hits()
    {
        Assert.Equal(1.0, RankingMetrics.NdcgAt(10, ["a", "b", "x"], Judged), 6);
        var swapped = (1 / Math.Log2(2) + 3 / Math.Log2(3)) / (3 / Math.Log2(2) + 1 / Math.Log2(3));
        Assert.Equal(swapped, RankingMetrics.NdcgAt(10, ["b", "a"], Judged), 6);
        Assert.Equal(0.0, RankingMetrics.NdcgAt(10, ["x", "y", "z"], Judged));
        Assert.Equal(0.0, RankingMetrics.NdcgAt(1, ["x", "a"], Judged));
    }

    [Fact]
    public void Recall_and_mrr_count_only_relevant_documents_within_the_cutoff()
    {
        Assert.Equal(0.5, RankingMetrics.RecallAt(100, ["x", "b", "z"], Judged));
        Assert.Equal(0.5, RankingMetrics.MrrAt(10, ["x", "b"], Judged));
        Assert.Equal(0.0, RankingMetrics.MrrAt(1, ["x", "b"], Judged));
    }

    [Fact]
    public void Percentile_uses_the_nearest_rank()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToList();
        Assert.Equal(50, RankingMetrics.Percentile(values, 50));
        Assert.Equal(99, RankingMetrics.Percentile(values, 99));
        Assert.Equal(0, RankingMetrics.Percentile([], 50));
    }

    [Fact]
    public void Evaluation_ignores_a_result_equal_to_the_query_id()
    {
        var dataset = new BeirDataset
        {
            Name = "self",
            Corpus = [new BeirDocument("q1", "", "", null), new BeirDocument("d1", "", "", null)],
            Queries = new Dictionary<string, string> { ["q1"] = "text" },
            Judgments = new Dictionary<string, IReadOnlyDictionary<string, int>> { ["q1"] = new Dictionary<string, int> { ["d1"] = 1 } },
        };
        var report = RankingEvaluator.Evaluate(dataset, (_, _) => ["q1", "d1"], "test", "related", 0);
        Assert.Equal(1.0, report.Ndcg10, 6);
        Assert.Equal(1.0, report.Mrr10, 6);
    }
}
