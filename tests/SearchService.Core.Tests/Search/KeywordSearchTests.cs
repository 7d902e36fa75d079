using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Tests.Indexing;
using SearchService.Core.Passages;

namespace SearchService.Core.Tests.Search;

[Collection(SampleIndexCollection.Name)]
public sealed class KeywordSearchTests(SampleIndex sample)
{
    private readonly BriefSearcher _searcher = new(sample.Index);

    [Fact]
    public void The_sample_index_holds_every_fixture_brief()
    {
        Assert.Empty(sample.Report.Failed);
        Assert.Equal(5, sample.Index.Count);
    }

    [Fact]
    public void Finds_the_seed_brief_with_highlighted_snippets()
    {
        var results = _searcher.Search(new SearchRequest("AI sovereignty"));

        var top = results.Hits[0];
        Assert.Equal("navigating-ai-sovereignty", top.Id);
        Assert.Equal(new DateOnly(2025, 11, 18), top.Date);
        Assert.Equal(["Policy Brief"], top.Tags);
        Assert.True(top.Score > 0);
        Assert.NotEmpty(top.Snippets);
        Assert.Contains("<mark>", top.Snippets[0]);
    }

    [Fact]
    public void Brief_scores_do_not_depend_on_how_many_passages_the_index_holds()
    {
        using var folder = new TempFolder();
        var brief = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));
        var other = BriefExtractor.Extract(Fixtures.Brief("gao-26-107759.md"));
        float ScoreWith(string name, int extraPassages)
        {
            using var index = BriefIndex.Open(Path.Combine(folder.Path, name));
            index.Upsert(brief);
            // The same second brief, cut into few or many passages: passage documents carry no brief field.
            var passages = PassageBuilder.Build(other).ToList();
            passages.AddRange(Enumerable.Range(0, extraPassages).Select(i => new Passage($"{other.Id}#extra-{i}", other.Id, PassageKind.Paragraph, "Extra passage text about sovereignty.", null)));
            index.Upsert(other, passages);
            index.Commit();
            return new BriefSearcher(index).Search(new SearchRequest("sovereignty")).Hits.Single(h => h.Id == brief.Id).Score;
        }

        Assert.Equal(ScoreWith("few", 0), ScoreWith("many", 300));
    }

    [Fact]
    public void Stemming_and_accent_folding_match_other_word_forms()
    {
        Assert.Equal("navigating-ai-sovereignty", _searcher.Search(new SearchRequest("procure")).Hits[0].Id);
        Assert.Contains(_searcher.Search(new SearchRequest("biométrics")).Hits, h => h.Id.StartsWith("if11783"));
    }

    [Fact]
    public void Quoted_phrases_match_words_in_order_only()
    {
        var phrase = _searcher.Search(new SearchRequest("\"managed dependence\""));
        Assert.Equal("navigating-ai-sovereignty", Assert.Single(phrase.Hits).Id);
        Assert.Equal(0, _searcher.Search(new SearchRequest("\"dependence managed\"")).Total);
    }

    [Fact]
    public void Excluded_words_remove_briefs()
    {
        var all = _searcher.Search(new SearchRequest("quantum"));
        Assert.Contains(all.Hits, h => h.Id == "gao-26-107759");
        var without = _searcher.Search(new SearchRequest("quantum -qubit"));
        Assert.DoesNotContain(without.Hits, h => h.Id == "gao-26-107759");
    }

    [Fact]
    public void Or_finds_either_and_plain_words_must_all_match()
    {
        var either = _searcher.Search(new SearchRequest("biometric OR qubit"));
        Assert.Contains(either.Hits, h => h.Id == "gao-26-107759");
        Assert.Contains(either.Hits, h => h.Id.StartsWith("if11783"));

        var both = _searcher.Search(new SearchRequest("qubit sovereignty"));
        Assert.DoesNotContain(both.Hits, h => h.Id.StartsWith("if11783"));
    }

    [Fact]
    public void When_no_brief_has_every_word_any_word_may_match()
    {
        var results = _searcher.Search(new SearchRequest("qubit zyxwvut"));
        Assert.Contains(results.Hits, h => h.Id == "gao-26-107759");
    }

    [Fact]
    public void Empty_query_lists_every_brief_newest_first()
    {
        var results = _searcher.Search(new SearchRequest(""));
        Assert.Equal(5, results.Total);
        var dates = results.Hits.Select(h => h.Date).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public void Paging_is_stable_and_disjoint()
    {
        var first = _searcher.Search(new SearchRequest("government", 1, 2));
        var second = _searcher.Search(new SearchRequest("government", 2, 2));
        Assert.Equal(first.Total, second.Total);
        Assert.Empty(first.Hits.Select(h => h.Id).Intersect(second.Hits.Select(h => h.Id)));
        Assert.Equal(first.Hits.Select(h => h.Id), _searcher.Search(new SearchRequest("government", 1, 2)).Hits.Select(h => h.Id));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("~")]
    [InlineData("(((( ))))")]
    [InlineData("\\")]
    public void A_query_of_operators_alone_finds_nothing_and_never_throws(string query)
    {
        var results = _searcher.Search(new SearchRequest(query));
        Assert.Equal(0, results.Total);
        Assert.Empty(results.Hits);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("AND")]
    [InlineData("title:quantum^10")]
    [InlineData("the of and")]
    [InlineData("a-b-c-d-e-f-g")]
    public void Odd_queries_with_words_never_throw_and_list_what_they_count(string query)
    {
        var results = _searcher.Search(new SearchRequest(query));
        // Five fixture briefs fit one page: every brief counted is listed, once, and is one of them.
        Assert.Equal(results.Total, results.Hits.Count);
        Assert.Equal(results.Hits.Count, results.Hits.Select(h => h.Id).Distinct().Count());
        var indexed = _searcher.Search(new SearchRequest(null)).Hits.Select(h => h.Id).ToHashSet();
        Assert.All(results.Hits, h => Assert.Contains(h.Id, indexed));
    }

    [Fact]
    public void A_query_of_many_terms_within_the_limit_runs()
    {
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"));
        Assert.True(words.Length <= SearchRequest.MaxQueryLength);
        Assert.Equal(0, _searcher.Search(new SearchRequest(words)).Total);
    }

    /// <summary>A real paragraph of the seed brief's body, over the long-query threshold.</summary>
    private static string SeedParagraph()
    {
        var seed = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));
        return seed.Sections.Select(s => s.Text).First(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 2 * LongQuery.MinWords);
    }

    [Fact]
    public void A_pasted_paragraph_finds_the_brief_it_comes_from_with_its_informative_words_marked()
    {
        var paragraph = SeedParagraph();
        Assert.True(LongQuery.IsLong(paragraph));

        var results = _searcher.Search(new SearchRequest(paragraph));

        Assert.Equal("navigating-ai-sovereignty", results.Hits[0].Id);
        Assert.Contains("<mark>", results.Hits[0].Snippets[0]);
    }

    [Fact]
    public void A_text_of_100000_characters_is_a_query()
    {
        var paragraph = SeedParagraph();
        var text = string.Concat(Enumerable.Repeat(paragraph + "\n\n", SearchRequest.MaxQueryLength / paragraph.Length + 1))[..SearchRequest.MaxQueryLength];

        var results = _searcher.Search(new SearchRequest(text));

        Assert.Equal("navigating-ai-sovereignty", results.Hits[0].Id);
    }

    [Fact]
    public void Short_queries_are_not_read_as_texts()
    {
        Assert.False(LongQuery.IsLong("AI sovereignty"));
        Assert.False(LongQuery.IsLong(string.Join(' ', Enumerable.Repeat("word", LongQuery.MinWords))));
        Assert.True(LongQuery.IsLong(string.Join(' ', Enumerable.Repeat("word", LongQuery.MinWords + 1))));
    }

    [Fact]
    public void Requests_out_of_bounds_are_refused_with_a_reason()
    {
        Assert.Contains("limit is 100,000", new SearchRequest(new string('a', 100_001)).Validate());
        Assert.Contains("page must be 1 or more", new SearchRequest("x", 0).Validate());
        Assert.Contains("size must be between 1 and 100", new SearchRequest("x", 1, 500).Validate());
        Assert.Throws<ArgumentException>(() => _searcher.Search(new SearchRequest("x", 1, 0)));
    }

    [Fact]
    public void Search_ids_ranks_without_requiring_every_word()
    {
        var ids = _searcher.RankIds(new SearchRequest("qubit zyxwvut"), 3);
        Assert.Equal("gao-26-107759", ids[0]);
    }
}
