using SearchService.Core.Search;
using SearchService.Core.Tests.Indexing;

namespace SearchService.Core.Tests.Search;

[Collection(SampleIndexCollection.Name)]
public sealed class TypoToleranceTests(SampleIndex sample)
{
    private readonly BriefSearcher _searcher = new(sample.Index);

    private SearchResults Search(string query, BriefFilter? filter = null) =>
        _searcher.Search(new SearchRequest(query) { Filter = filter ?? BriefFilter.None });

    [Fact]
    public void A_misspelled_word_finds_what_was_meant_and_offers_the_correction()
    {
        var results = Search("soverignty");

        Assert.Equal("navigating-ai-sovereignty", results.Hits[0].Id);
        Assert.Equal("sovereignty", results.DidYouMean);
        Assert.Contains("<mark>", results.Hits[0].Snippets[0]); // the corrected word is highlighted
        Assert.Contains("overeignty</mark>", string.Join(" ", results.Hits[0].Snippets), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Recomendations_finds_briefs_that_make_recommendations()
    {
        var results = Search("recomendations");

        Assert.True(results.Total >= 3, $"{results.Total} matches");
        Assert.Equal("recommendations", results.DidYouMean);
        Assert.Equal(0, Search("\"recomendations\"").Total); // a phrase is taken as typed
    }

    [Fact]
    public void Only_the_misspelled_word_is_corrected_and_its_case_is_kept()
    {
        var results = Search("AI Soverignty");

        Assert.Equal("navigating-ai-sovereignty", Assert.Single(results.Hits).Id);
        Assert.Equal("AI Sovereignty", results.DidYouMean);
    }

    [Theory]
    [InlineData("sovereignty")]
    [InlineData("qubits")]     // another form of an indexed word, not a misspelling
    [InlineData("quantum -qubit")]
    [InlineData("")]
    public void Correctly_spelled_queries_have_no_correction(string query)
    {
        Assert.Null(Search(query).DidYouMean);
    }

    [Fact]
    public void Words_nothing_resembles_are_not_corrected()
    {
        var results = Search("zyxwvutsr");
        Assert.Equal(0, results.Total);
        Assert.Null(results.DidYouMean);
        Assert.Null(Search("qubit zyxwvut").DidYouMean);
    }

    [Fact]
    public void Short_words_are_never_corrected()
    {
        Assert.Equal(0, SpellingCorrector.MaxEdits(3));
        Assert.Equal(1, SpellingCorrector.MaxEdits(4));
        Assert.Equal(1, SpellingCorrector.MaxEdits(7));
        Assert.Equal(2, SpellingCorrector.MaxEdits(8));
        Assert.Null(Search("UKX").DidYouMean);
    }

    [Fact]
    public void Filters_apply_to_corrected_results_and_facets_show_where_they_are()
    {
        var results = Search("soverignty", new BriefFilter { Types = ["Report"] });

        Assert.Equal(0, results.Total);
        Assert.Equal("sovereignty", results.DidYouMean);
        Assert.Equal(new FacetValue("Policy Brief", 1), results.Facets.Type.Single(v => v.Value == "Policy Brief"));
    }
}
