using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Core.Tests.Semantic;

/// <summary>
/// The server searches with <see cref="BriefSearcher.SearchAsync"/>: the query is encoded before the search takes a
/// thread, and the answer is the one the blocking search gives.
/// </summary>
[Collection(SemanticSampleIndexCollection.Name)]
public sealed class AsyncQueryEncodingTests(SemanticSampleIndex sample)
{
    [Theory]
    [InlineData("hybrid", "national control over artificial intelligence capabilities")]
    [InlineData("hybrid", "soverignty")] // corrected by the keyword side: the correction is what is encoded
    [InlineData("semantic", "quantum computing workforce")]
    [InlineData("hybrid", "Governments should secure domestic compute capacity before regulating frontier models, because " +
                          "whoever controls the chips, the data centres and the energy behind them decides which rules can be " +
                          "enforced at all; export controls, public investment in research clusters and shared infrastructure " +
                          "with allies are the levers that remain when a country cannot build everything itself.")]
    public async Task Searching_asynchronously_answers_what_the_blocking_search_answers(string mode, string query)
    {
        var searcher = new BriefSearcher(sample.Index, SearchModes.Semantic(sample.Index, sample.Encoder));
        var request = new SearchRequest(query) { Mode = mode };

        var blocking = searcher.Search(request);
        var awaited = await searcher.SearchAsync(request);

        Assert.NotEmpty(blocking.Hits);
        Assert.Equal(blocking.Total, awaited.Total);
        Assert.Equal(blocking.DidYouMean, awaited.DidYouMean);
        Assert.Equal(blocking.Hits.Select(h => (h.Id, h.Score)), awaited.Hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(blocking.Hits.SelectMany(h => h.Snippets), awaited.Hits.SelectMany(h => h.Snippets));
    }

    [Fact]
    public async Task No_thread_waits_while_the_query_is_encoded_and_it_is_encoded_once()
    {
        var encoder = new GatedEncoder(sample.Encoder);
        var searcher = new BriefSearcher(sample.Index, SearchModes.Semantic(sample.Index, encoder));

        var search = searcher.SearchAsync(new SearchRequest("national control over artificial intelligence capabilities") { Mode = HybridSearchMode.ModeName });

        // The call came back while the encoder still holds the query: nothing blocked on it.
        Assert.False(search.IsCompleted);
        Assert.Equal(1, encoder.Started);
        encoder.Open();
        var results = await search;

        Assert.Equal("navigating-ai-sovereignty", results.Hits[0].Id);
        Assert.Equal(1, encoder.Started);
        Assert.Equal(0, encoder.BlockingCalls);
    }

    [Fact]
    public async Task A_long_text_is_encoded_piece_by_piece_before_the_search_takes_a_thread()
    {
        var encoder = new GatedEncoder(sample.Encoder);
        var searcher = new BriefSearcher(sample.Index, SearchModes.Semantic(sample.Index, encoder));
        var text = string.Join(' ', Enumerable.Repeat("Governments should secure domestic compute capacity before regulating frontier models, " +
                                                      "because whoever controls the chips and the data centres decides which rules can be enforced.", 12));
        Assert.True(LongQuery.IsLong(text));
        var request = new SearchRequest(text) { Mode = HybridSearchMode.ModeName };

        var search = searcher.SearchAsync(request);

        Assert.False(search.IsCompleted);
        Assert.True(encoder.Started >= 2, $"{encoder.Started} pieces queued"); // ~200 words: two passage-sized pieces
        encoder.Open();
        var awaited = await search;
        Assert.Equal(0, encoder.BlockingCalls);
        var blocking = searcher.Search(request);
        Assert.NotEmpty(awaited.Hits);
        Assert.Equal(blocking.Hits.Select(h => (h.Id, h.Score)), awaited.Hits.Select(h => (h.Id, h.Score)));
    }

    [Fact]
    public async Task A_remembered_query_vector_serves_either_way_of_asking()
    {
        var encoder = new GatedEncoder(sample.Encoder);
        encoder.Open();
        var cached = new CachedQueryEncoder(encoder);

        var first = await cached.EncodeQueryAsync("ai  sovereignty");
        var again = await cached.EncodeQueryAsync(" ai sovereignty ");
        var blocking = cached.EncodeQuery("ai sovereignty");

        Assert.Same(first, again);
        Assert.Same(first, blocking);
        Assert.Equal(1, encoder.Started);
        Assert.Equal(0, encoder.BlockingCalls);
    }
}
