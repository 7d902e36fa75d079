using SearchService.Core.Evaluation;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Evaluation;

/// <summary>The evaluation path end to end on a small slice of SciFact with its real judgments.</summary>
public sealed class BeirEvaluationTests
{
    private static string MiniDataset => Path.Combine(AppContext.BaseDirectory, "fixtures", "beir-mini");

    [Fact]
    public void Loads_corpus_queries_and_graded_judgments()
    {
        var dataset = BeirDataset.Load(MiniDataset);
        Assert.Equal("beir-mini", dataset.Name);
        Assert.Equal(30, dataset.Corpus.Count);
        Assert.Equal(6, dataset.Judgments.Count);
        Assert.Equal(2, dataset.Judgments["36"].Count);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => BeirDataset.Load(folder.Path));
        Assert.Contains("corpus.jsonl", error.Message);
    }

    [Fact]
    public void Keyword_search_ranks_the_judged_abstracts_first()
    {
        var dataset = BeirDataset.Load(MiniDataset);
        using var folder = new TempFolder();
        using var index = BriefIndex.Open(folder.Path);
        BeirIndexer.Index(index, dataset);
        var searcher = new BriefSearcher(index);

        var report = RankingEvaluator.Evaluate(dataset, (_, text) => searcher.RankIds(new SearchRequest(text), 100), "keyword", "search", 0);

        Assert.Equal(6, report.Queries);
        Assert.True(report.Ndcg10 > 0.6, $"nDCG@10 {report.Ndcg10} on 30 documents where every query has a judged answer");
        Assert.True(report.Recall100 >= 0.8, $"Recall@100 {report.Recall100}");
    }

    [Fact]
    public void Search_latencies_are_measured_per_query_on_a_warm_index()
    {
        var dataset = BeirDataset.Load(MiniDataset);
        string[] queries = ["cancer", "vitamin D deficiency", "T-cell receptor signalling"];

        var latencies = EvaluationRun.SearchLatencies(dataset, "keyword", queries, embedder: null);

        Assert.Equal(queries.Length, latencies.Count);
        Assert.All(latencies, ms => Assert.True(ms > 0 && double.IsFinite(ms)));
        Assert.Throws<ArgumentException>(() => EvaluationRun.SearchLatencies(dataset, "hybrid", queries, embedder: null));
    }

    [Fact]
    public void A_query_that_fails_is_counted_reported_and_scored_empty_and_the_others_are_still_measured()
    {
        var dataset = BeirDataset.Load(MiniDataset);
        var failing = dataset.Judgments.Keys.Order(StringComparer.Ordinal).First();

        var report = RankingEvaluator.Evaluate(dataset, (id, _) => id == failing
            ? throw new InvalidOperationException("this query breaks the ranker")
            : dataset.Judgments[id].Keys.ToList(), "test", "search", 0);

        Assert.Equal(1, report.Errors);
        Assert.Contains("this query breaks the ranker", report.FirstError);
        Assert.Contains(failing, report.FirstError);
        // Every other query ranks its relevant documents: each scores 1, the failed one 0.
        Assert.Equal(Math.Round((dataset.Judgments.Count - 1) / (double)dataset.Judgments.Count, 4), report.Recall100);
    }
}
