using SearchService.Core.Search;
using SearchService.Core.Tests.Indexing;

namespace SearchService.Core.Tests.Search;

/// <summary>
/// Facets, filters, sorting, paging and recency over the five fixture briefs: one policy brief (2025),
/// one CRS In Focus (2026, tagged "Defense &amp; Intelligence") and three GAO reports (2026).
/// </summary>
[Collection(SampleIndexCollection.Name)]
public sealed class FacetedSearchTests(SampleIndex sample)
{
    private const string Gao = "U.S. Government Accountability Office";
    private const string Crs = "Congressional Research Service";
    private readonly BriefSearcher _searcher = new(sample.Index);

    private SearchResults Search(string query, BriefFilter? filter = null, SearchSort sort = SearchSort.Relevance, int page = 1, int size = 10, SearchBoost boost = SearchBoost.None) =>
        _searcher.Search(new SearchRequest(query, page, size) { Filter = filter ?? BriefFilter.None, Sort = sort, Boost = boost });

    private static Dictionary<string, int> Counts(IReadOnlyList<FacetValue> facet) => facet.ToDictionary(v => v.Value, v => v.Count);

    [Fact]
    public void Facets_count_every_brief_an_empty_query_lists()
    {
        var facets = Search("").Facets;

        Assert.Equal(new Dictionary<string, int> { ["Report"] = 3, ["In Focus"] = 1, ["Policy Brief"] = 1 }, Counts(facets.Type));
        Assert.Equal(new Dictionary<string, int> { [Gao] = 3, [Crs] = 1 }, Counts(facets.Publisher));
        Assert.Equal(["2026", "2025"], facets.Year.Select(v => v.Value));
        Assert.Equal([4, 1], facets.Year.Select(v => v.Count));
        Assert.Equal(new Dictionary<string, int> { ["Defense & Intelligence"] = 1, ["Policy Brief"] = 1 }, Counts(facets.Tags));
        Assert.Equal(7, facets.Authors.Count); // five named in front matter, and the contacts the GAO reports name
        Assert.Equal("Report", facets.Type[0].Value); // most common first
    }

    [Fact]
    public void Facet_counts_follow_the_query()
    {
        var quantum = Search("quantum");
        Assert.Equal(1, quantum.Total);
        Assert.Equal(new Dictionary<string, int> { ["Report"] = 1 }, Counts(quantum.Facets.Type));
        Assert.Empty(quantum.Facets.Tags);
        Assert.Equal(new Dictionary<string, int> { ["2026"] = 1 }, Counts(quantum.Facets.Year));

        var sovereignty = Search("sovereignty");
        Assert.Equal(new Dictionary<string, int> { ["Policy Brief"] = 1 }, Counts(sovereignty.Facets.Type));
        Assert.Equal(4, sovereignty.Facets.Authors.Count);
        Assert.Empty(sovereignty.Facets.Publisher);
    }

    [Fact]
    public void A_filter_narrows_results_and_other_facets_but_not_its_own_facet()
    {
        var reports = Search("", new BriefFilter { Types = ["Report"] });

        Assert.Equal(3, reports.Total);
        Assert.All(reports.Hits, hit => Assert.Equal("Report", sample.Index.Get(hit.Id)!.Type));
        // Type counts ignore the type filter, so the other types can still be added to the selection.
        Assert.Equal(new Dictionary<string, int> { ["Report"] = 3, ["In Focus"] = 1, ["Policy Brief"] = 1 }, Counts(reports.Facets.Type));
        // Every other facet counts only what the filter kept.
        Assert.Equal(new Dictionary<string, int> { [Gao] = 3 }, Counts(reports.Facets.Publisher));
        Assert.Empty(reports.Facets.Tags);
        Assert.Equal(new Dictionary<string, int> { ["2026"] = 3 }, Counts(reports.Facets.Year));
    }

    [Fact]
    public void Values_of_one_field_are_alternatives_and_fields_must_all_match()
    {
        var either = Search("", new BriefFilter { Types = ["Report", "In Focus"] });
        Assert.Equal(4, either.Total);
        Assert.DoesNotContain(either.Hits, h => h.Id == "navigating-ai-sovereignty");

        var both = Search("", new BriefFilter { Types = ["Report", "In Focus"], Tags = ["Defense & Intelligence"] });
        Assert.Equal("if11783v7-biometric-technologies-and-global-security", Assert.Single(both.Hits).Id);

        var none = Search("", new BriefFilter { Types = ["Report"], Tags = ["Policy Brief"] });
        Assert.Equal(0, none.Total);
        Assert.Empty(none.Hits);
        // The selected tag stays listed so it can be unselected; its count is what it would match now.
        Assert.Equal(new FacetValue("Policy Brief", 0), Assert.Single(none.Facets.Tags));
        // Under the tag filter only the policy brief is left to count; the selected type stays listed.
        Assert.Equal(new Dictionary<string, int> { ["Policy Brief"] = 1, ["Report"] = 0 }, Counts(none.Facets.Type));
    }

    [Fact]
    public void Filters_combine_with_the_query()
    {
        var government = Search("government");
        var crsOnly = Search("government", new BriefFilter { Publishers = [Crs] });

        Assert.True(government.Total > crsOnly.Total);
        Assert.Equal("if11783v7-biometric-technologies-and-global-security", Assert.Single(crsOnly.Hits).Id);
        Assert.NotEmpty(crsOnly.Hits[0].Snippets);
        Assert.Equal(Counts(government.Facets.Publisher), Counts(crsOnly.Facets.Publisher));
        Assert.Equal(new Dictionary<string, int> { ["In Focus"] = 1 }, Counts(crsOnly.Facets.Type));
    }

    [Fact]
    public void Date_ranges_are_inclusive_and_open_ended_when_one_side_is_missing()
    {
        var between = Search("", new BriefFilter { From = new DateOnly(2026, 3, 16), To = new DateOnly(2026, 3, 18) });
        Assert.Equal(["gao-26-107759", "gao-26-107815"], between.Hits.Select(h => h.Id).Order());

        var since = Search("", new BriefFilter { From = new DateOnly(2026, 1, 1) });
        Assert.Equal(4, since.Total);
        Assert.All(since.Hits, h => Assert.True(h.Date >= new DateOnly(2026, 1, 1)));

        var until = Search("", new BriefFilter { To = new DateOnly(2025, 12, 31) });
        Assert.Equal("navigating-ai-sovereignty", Assert.Single(until.Hits).Id);
        // The date range is the year facet's own filter: the other year stays visible.
        Assert.Equal(new Dictionary<string, int> { ["2026"] = 4, ["2025"] = 1 }, Counts(until.Facets.Year));
        Assert.Equal(new Dictionary<string, int> { ["Policy Brief"] = 1 }, Counts(until.Facets.Type));
    }

    [Fact]
    public void Sort_by_date_lists_matches_newest_first()
    {
        var byRelevance = Search("government");
        var byDate = Search("government", sort: SearchSort.Date);

        Assert.Equal(byRelevance.Hits.Select(h => h.Id).Order(), byDate.Hits.Select(h => h.Id).Order());
        Assert.Equal(byDate.Hits.Select(h => h.Date).OrderByDescending(d => d), byDate.Hits.Select(h => h.Date));
        Assert.NotEqual(byRelevance.Hits.Select(h => h.Id), byDate.Hits.Select(h => h.Id));
        var scores = byRelevance.Hits.Select(h => h.Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Theory]
    [InlineData("government", SearchSort.Relevance)]
    [InlineData("government", SearchSort.Date)]
    [InlineData("", SearchSort.Relevance)]
    public void Pages_are_disjoint_cover_every_match_and_repeat_exactly(string query, SearchSort sort)
    {
        var total = Search(query, sort: sort).Total;
        var pages = Enumerable.Range(1, 3).Select(page => Search(query, sort: sort, page: page, size: 2)).ToList();

        var ids = pages.SelectMany(p => p.Hits.Select(h => h.Id)).ToList();
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(pages, p => Assert.Equal(total, p.Total));
        Assert.Equal(pages[1].Hits.Select(h => h.Id), Search(query, sort: sort, page: 2, size: 2).Hits.Select(h => h.Id));
        Assert.Equal(Search(query, sort: sort).Hits.Select(h => h.Id), ids);
    }

    [Fact]
    public void Recent_boost_scales_scores_by_age_and_reorders_matches()
    {
        var plain = Search("government");
        var boosted = Search("government", boost: SearchBoost.Recent);

        var newest = plain.Hits.Max(h => h.Date!.Value);
        var expected = plain.Hits
            .Select(h => (h.Id, Score: h.Score * RecencyBoost.Factor(h.Date!.Value, newest)))
            .OrderByDescending(h => h.Score)
            .ToList();
        Assert.Equal(expected.Select(h => h.Id), boosted.Hits.Select(h => h.Id));
        Assert.All(boosted.Hits.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 0.001));
        // The newest brief keeps its score; the order really changes for this query.
        Assert.Equal(plain.Hits.Single(h => h.Date == newest).Score, boosted.Hits.Single(h => h.Date == newest).Score);
        Assert.NotEqual(plain.Hits.Select(h => h.Id), boosted.Hits.Select(h => h.Id));
        Assert.Equal(plain.Total, boosted.Total);
    }

    [Fact]
    public void Recency_halves_a_score_per_half_life()
    {
        var newest = new DateOnly(2026, 4, 1);
        Assert.Equal(1.0, RecencyBoost.Factor(newest, newest));
        Assert.Equal(0.5, RecencyBoost.Factor(newest.AddDays(-(int)RecencyBoost.HalfLifeDays), newest), 6);
        Assert.Equal(1.0, RecencyBoost.Factor(newest.AddDays(3), newest)); // never above 1
    }

    [Fact]
    public void A_mode_that_ranks_by_id_gets_the_same_filters_facets_sorting_and_snippets()
    {
        var ranked = new[] { ("gao-26-107815", 3f), ("navigating-ai-sovereignty", 2f), ("gao-26-107759", 1f), ("no-such-brief", 9f) };
        var searcher = new BriefSearcher(sample.Index, [new FixedRankingMode(ranked)]);

        var all = searcher.Search(new SearchRequest("quantum sovereignty") { Mode = "fixed" });
        Assert.Equal(["gao-26-107815", "navigating-ai-sovereignty", "gao-26-107759"], all.Hits.Select(h => h.Id));
        Assert.Equal(new Dictionary<string, int> { ["Report"] = 2, ["Policy Brief"] = 1 }, Counts(all.Facets.Type));
        Assert.Contains("<mark>", all.Hits[2].Snippets[0]);

        var reports = searcher.Search(new SearchRequest("quantum sovereignty") { Mode = "fixed", Filter = new BriefFilter { Types = ["Report"] }, Sort = SearchSort.Date });
        Assert.Equal(["gao-26-107759", "gao-26-107815"], reports.Hits.Select(h => h.Id));
        Assert.Equal(["keyword", "fixed"], searcher.Modes);
        Assert.Null(searcher.Validate(new SearchRequest("x") { Mode = "fixed" }));
        Assert.NotNull(_searcher.Validate(new SearchRequest("x") { Mode = "fixed" }));
    }

    [Fact]
    public void Unknown_modes_are_refused_with_the_modes_there_are()
    {
        var problem = _searcher.Validate(new SearchRequest("x") { Mode = "semantic" });
        Assert.Equal("mode must be one of: keyword (got \"semantic\").", problem);
        Assert.Throws<ArgumentException>(() => _searcher.Search(new SearchRequest("x") { Mode = "semantic" }));
    }

    /// <summary>A search mode that ranks briefs by id, as a semantic or hybrid mode does.</summary>
    private sealed class FixedRankingMode(IEnumerable<(string Id, float Score)> ranking) : ISearchMode
    {
        public string Name => "fixed";

        ModeMatches ISearchMode.Match(SearchRequest request, SearchSnapshot snapshot) => new(snapshot.Resolve(ranking));
    }
}
