using SearchService.Core.Tests.Related;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Evaluation;

/// <summary>The document split of the related-model protocol, on real judged GAO summaries.</summary>
public sealed class DocumentSplitTests
{
    private static readonly BeirDataset Dataset = BeirDataset.Load(GaoRelatedSlice.DatasetFolder);

    [Theory]
    [InlineData(DocumentSplitKind.Documents)]
    [InlineData(DocumentSplitKind.Date)]
    public void The_halves_are_disjoint_cover_the_corpus_and_judge_only_their_own_documents(DocumentSplitKind kind)
    {
        var split = DocumentSplit.Of(Dataset, kind);

        var first = split.First.Corpus.Select(d => d.Id).ToHashSet();
        var second = split.Second.Corpus.Select(d => d.Id).ToHashSet();
        Assert.Empty(first.Intersect(second));
        Assert.Equal(Dataset.Corpus.Select(d => d.Id).Order(), first.Concat(second).Order());
        foreach (var (half, ids) in new[] { (split.First, first), (split.Second, second) })
        {
            Assert.NotEmpty(half.Judgments);
            Assert.All(half.Judgments, j =>
            {
                Assert.Contains(j.Key, ids);
                Assert.All(j.Value.Keys, judged => Assert.Contains(judged, ids));
                Assert.Contains(j.Value.Values, grade => grade > 0); // a query left with nothing relevant is dropped
                Assert.True(half.Queries.ContainsKey(j.Key));
            });
            Assert.All(half.Queries.Keys, id => Assert.Contains(id, ids));
        }
    }

    [Theory]
    [InlineData(DocumentSplitKind.Documents)]
    [InlineData(DocumentSplitKind.Date)]
    public void The_split_is_the_same_every_time_and_whatever_the_order_of_the_file(DocumentSplitKind kind)
    {
        var shuffled = new BeirDataset
        {
            Name = Dataset.Name,
            Corpus = Dataset.Corpus.Reverse().ToList(),
            Queries = Dataset.Queries,
            Judgments = Dataset.Judgments,
        };

        var once = DocumentSplit.Of(Dataset, kind);
        var again = DocumentSplit.Of(shuffled, kind);

        Assert.Equal(once.First.Corpus.Select(d => d.Id).Order(), again.First.Corpus.Select(d => d.Id).Order());
        Assert.Equal(once.Second.Corpus.Select(d => d.Id).Order(), again.Second.Corpus.Select(d => d.Id).Order());
        Assert.Equal(once.First.Judgments.Keys.Order(), again.First.Judgments.Keys.Order());
    }

    [Fact]
    public void A_judgment_across_the_halves_is_in_neither()
    {
        var split = DocumentSplit.Of(Dataset, DocumentSplitKind.Documents);

        var kept = split.First.Judgments.Sum(j => j.Value.Count) + split.Second.Judgments.Sum(j => j.Value.Count);
        var across = Dataset.Judgments.Sum(j => j.Value.Keys.Count(judged => DocumentSplit.HalfOf(judged) != DocumentSplit.HalfOf(j.Key)));

        Assert.True(across > 0, "the slice has judgments across the halves");
        Assert.True(kept <= Dataset.Judgments.Sum(j => j.Value.Count) - across);
    }

    [Fact]
    public void The_date_split_trains_on_the_older_half_and_tests_on_the_newer()
    {
        var split = DocumentSplit.Of(Dataset, DocumentSplitKind.Date);

        Assert.Equal(DocumentSplitKind.Date, split.Kind);
        Assert.True(split.First.Corpus.Max(d => d.Date) <= split.Second.Corpus.Min(d => d.Date));
        Assert.InRange(split.First.Corpus.Count - split.Second.Corpus.Count, -1, 1);
    }

    [Fact]
    public void Without_dates_the_date_split_falls_back_to_the_id_hash_and_says_so()
    {
        var undated = new BeirDataset
        {
            Name = Dataset.Name,
            Corpus = Dataset.Corpus.Select((d, i) => i == 0 ? d with { Date = null } : d).ToList(),
            Queries = Dataset.Queries,
            Judgments = Dataset.Judgments,
        };

        var split = DocumentSplit.Of(undated, DocumentSplitKind.Date);

        Assert.Equal(DocumentSplitKind.Documents, split.Kind);
        Assert.Contains("1 of 60 documents have no date", split.Description);
        Assert.Equal(DocumentSplit.Of(Dataset, DocumentSplitKind.Documents).First.Corpus.Select(d => d.Id), split.First.Corpus.Select(d => d.Id));
    }
}
