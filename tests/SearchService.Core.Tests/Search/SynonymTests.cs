using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Synonyms;
using SearchService.Core.Tests.Indexing;
using SearchService.Core.Queries;

namespace SearchService.Core.Tests.Search;

/// <summary>Synonyms at query time: how a query is expanded, and what the expansion finds in the sample briefs.</summary>
[Collection(SampleIndexCollection.Name)]
public sealed class SynonymTests(SampleIndex sample) : IDisposable
{
    private readonly EnglishSearchAnalyzer _analyzer = new();

    private SynonymSet Set(IReadOnlyList<IReadOnlyList<string>>? groups = null, IReadOnlyList<SynonymRule>? rules = null) =>
        SynonymSet.Create(new SynonymDefinitions(groups ?? [], rules ?? []), _analyzer);

    private string Expanded(SynonymSet set, string query) => set.Expand(UserQuery.Parse(query), _analyzer).ToString();

    [Fact]
    public void A_group_adds_each_term_to_the_others_and_keeps_several_words_a_phrase()
    {
        var set = Set(groups: [["AI", "artificial intelligence"]]);

        Assert.Equal("AI OR \"artificial intelligence\" sovereignty", Expanded(set, "AI sovereignty"));
        Assert.Equal("\"artificial intelligence\" OR AI policy", Expanded(set, "artificial intelligence policy")); // typed words that make a term
        Assert.Equal("\"artificial intelligence\" OR AI", Expanded(set, "\"artificial intelligence\""));
        Assert.Equal("artificial policy intelligence", Expanded(set, "artificial policy intelligence")); // not consecutive: not the term
        Assert.Equal("sovereignty -AI -\"artificial intelligence\"", Expanded(set, "sovereignty -AI")); // an exclusion excludes its synonyms
    }

    [Fact]
    public void A_rule_works_one_way_and_matches_by_analysed_words()
    {
        var set = Set(rules: [new SynonymRule("LLM", ["large language model", "foundation model"])]);

        Assert.Equal("LLMs OR \"large language model\" OR \"foundation model\"", Expanded(set, "LLMs")); // same stem as the rule's word
        var reverse = UserQuery.Parse("large language model");
        Assert.Same(reverse, set.Expand(reverse, _analyzer)); // one way: nothing added
    }

    [Fact]
    public void Definitions_a_search_cannot_use_are_refused_saying_which()
    {
        Assert.Contains("groups[0] needs at least two different terms", Assert.Throws<ArgumentException>(() => Set(groups: [["AI", "ai"]])).Message);
        Assert.Contains("rules[0].from (\"the\") has only stop words", Assert.Throws<ArgumentException>(() => Set(rules: [new SynonymRule("the", ["x"])])).Message);
        Assert.Contains("rules[0].to needs at least one term", Assert.Throws<ArgumentException>(() => Set(rules: [new SynonymRule("LLM", [])])).Message);
    }

    [Fact]
    public void Equal_definitions_have_equal_versions_and_a_change_a_new_one()
    {
        Assert.Equal(Set(groups: [["AI", "artificial intelligence"]]).Version, Set(groups: [["AI", "artificial  intelligence"]]).Version);
        Assert.NotEqual(Set(groups: [["AI", "artificial intelligence"]]).Version, Set(groups: [["AI", "machine intelligence"]]).Version);
        Assert.Same(SynonymSet.Empty, Set());
    }

    [Fact]
    public void A_synonym_finds_briefs_the_typed_words_do_not_and_a_phrase_stays_a_phrase()
    {
        long Total(SynonymSet set, string query) => new BriefSearcher(sample.Index, synonyms: set).Search(new SearchRequest(query)).Total;

        Assert.Equal(0, Total(SynonymSet.Empty, "FRT"));
        var found = new BriefSearcher(sample.Index, synonyms: Set(groups: [["FRT", "facial recognition"]])).Search(new SearchRequest("FRT"));
        Assert.Equal("if11783v7-biometric-technologies-and-global-security", found.Hits.Single().Id);
        Assert.Contains("<mark>", found.Hits[0].Snippets[0]); // the synonym is highlighted

        // "security" and "global" are both in the biometrics brief, but never as "security global": as a phrase it finds nothing.
        Assert.Equal(0, Total(Set(rules: [new SynonymRule("zqx", ["security global"])]), "zqx"));
        Assert.Equal(1, Total(Set(rules: [new SynonymRule("zqx", ["global security"])]), "zqx"));
    }

    public void Dispose() => _analyzer.Dispose();
}
