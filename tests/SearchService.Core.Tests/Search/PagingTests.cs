using SearchService.Core.Search;
using SearchService.Core.Tests.Indexing;

namespace SearchService.Core.Tests.Search;

/// <summary>Only a page's worth of matches is ordered: pages read one after another are the full ordering cut in pieces.</summary>
[Collection(SampleIndexCollection.Name)]
public sealed class PagingTests(SampleIndex sample)
{
    [Theory]
    [InlineData("", SearchSort.Relevance)]
    [InlineData("government", SearchSort.Relevance)]
    [InlineData("government", SearchSort.Date)]
    public void Pages_read_in_turn_are_the_whole_ordering_in_pieces(string query, SearchSort sort)
    {
        var searcher = new BriefSearcher(sample.Index);
        var whole = searcher.Search(new SearchRequest(query) { Sort = sort, Size = 50 }).Hits.Select(h => h.Id).ToList();
        Assert.True(whole.Count >= 3, $"'{query}' matches {whole.Count} briefs");

        var paged = Enumerable.Range(1, whole.Count)
            .SelectMany(page => searcher.Search(new SearchRequest(query) { Sort = sort, Size = 1, Page = page }).Hits.Select(h => h.Id))
            .ToList();

        Assert.Equal(whole, paged);
    }
}
