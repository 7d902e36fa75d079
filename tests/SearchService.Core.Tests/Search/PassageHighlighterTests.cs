using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

public sealed class PassageHighlighterTests
{
    private static readonly EnglishSearchAnalyzer Analyzer = new();

    private static PassageHighlighter For(params string[] words)
    {
        var query = new BooleanQuery();
        foreach (var word in words) query.Add(new TermQuery(new Term(IndexFields.Text, Analyzer.Terms(word)[0])), Occur.SHOULD);
        return new PassageHighlighter(Analyzer, query, 120);
    }

    [Fact]
    public void Every_form_of_a_query_word_is_marked_and_the_rest_is_escaped()
    {
        var snippet = For("flood").Highlight("Floods & storms: the river flooded <twice>.");

        Assert.Equal("<mark>Floods</mark> &amp; storms: the river <mark>flooded</mark> &lt;twice&gt;.", snippet);
    }

    [Fact]
    public void A_passage_without_the_query_words_has_no_highlight()
    {
        Assert.Null(For("sovereignty").Highlight("Water infrastructure needs investment."));
    }

    [Fact]
    public void A_long_passage_is_cut_to_the_window_with_the_most_different_query_words_starting_at_its_sentence()
    {
        var filler = string.Join(" ", Enumerable.Repeat("Budgets were discussed at length by the committee.", 6));
        var text = $"{filler} Compute capacity matters. The UK lacks compute and sovereign control of its data. {filler}";

        var snippet = For("compute", "sovereign")!.Highlight(text)!;

        Assert.StartsWith("<mark>Compute</mark> capacity matters. The UK lacks <mark>compute</mark> and <mark>sovereign</mark>", snippet);
        Assert.True(snippet.Replace("<mark>", "").Replace("</mark>", "").Length <= 120, snippet);
    }
}
