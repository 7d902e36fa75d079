using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>Facets, filters, sorting, paging, typo tolerance, recency and suggestions, over HTTP.</summary>
public sealed class SearchFeatureApiTests(SearchApp app) : IClassFixture<SearchApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<JsonObject> Get(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for {url}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static Dictionary<string, int> Counts(JsonNode? facet) =>
        facet!.AsArray().ToDictionary(v => (string)v!["value"]!, v => (int)v!["count"]!);

    private static List<string> Ids(JsonObject body) => body["hits"]!.AsArray().Select(h => (string)h!["id"]!).ToList();

    /// <summary>A paragraph of the seed brief's body of more than 64 words, as an analyst would paste it.</summary>
    private async Task<string> SeedParagraph()
    {
        var brief = await Get("/api/briefs/navigating-ai-sovereignty");
        return brief["sections"]!.AsArray().Select(s => (string)s!["text"]!).First(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 128);
    }

    [Theory]
    [InlineData("keyword")]
    [InlineData("semantic")]
    [InlineData("hybrid")]
    public async Task A_text_posted_to_similar_finds_the_brief_it_comes_from_in_every_mode(string mode)
    {
        var response = await _client.PostAsJsonAsync("/api/search/similar", new { text = await SeedParagraph(), mode, size = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["total", "tookMs", "hits", "facets", "didYouMean", "searchId"], body.Select(p => p.Key));
        Assert.Equal("navigating-ai-sovereignty", Ids(body)[0]);
    }

    [Fact]
    public async Task A_query_of_thousands_of_characters_is_searched_not_refused()
    {
        var paragraph = await SeedParagraph();
        var text = string.Concat(Enumerable.Repeat(paragraph + " ", 5_000 / paragraph.Length + 1));

        var body = await Get("/api/search?mode=keyword&q=" + Uri.EscapeDataString(text));

        Assert.True(text.Length > 5_000);
        Assert.Equal("navigating-ai-sovereignty", Ids(body)[0]);
    }

    [Fact]
    public async Task Similar_without_text_or_with_too_much_says_what_is_wrong()
    {
        var empty = await _client.PostAsJsonAsync("/api/search/similar", new { text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("text is required", await empty.Content.ReadAsStringAsync());

        var huge = await _client.PostAsJsonAsync("/api/search/similar", new { text = new string('a', 100_001) });
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("the limit is 100,000", await huge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_adds_facets_and_did_you_mean_to_the_contract()
    {
        var body = await Get("/api/search?q=government");

        Assert.Equal(["total", "tookMs", "hits", "facets", "didYouMean", "searchId"], body.Select(p => p.Key));
        Assert.Null(body["didYouMean"]);
        var facets = body["facets"]!.AsObject();
        Assert.Equal(["tags", "authors", "year", "type", "publisher"], facets.Select(p => p.Key));
        Assert.All(facets, facet => Assert.All(facet.Value!.AsArray(), v => Assert.Equal(["value", "count"], v!.AsObject().Select(p => p.Key))));
        Assert.Equal(new Dictionary<string, int> { ["Report"] = 3, ["In Focus"] = 1, ["Policy Brief"] = 1 }, Counts(facets["type"]));
        Assert.Equal(new Dictionary<string, int> { ["2026"] = 4, ["2025"] = 1 }, Counts(facets["year"]));
    }

    [Fact]
    public async Task Repeated_parameters_select_several_values_and_fields_combine()
    {
        var either = await Get("/api/search?type=Report&type=In+Focus");
        Assert.Equal(4, (int)either["total"]!);
        Assert.Equal(new Dictionary<string, int> { ["Report"] = 3, ["In Focus"] = 1, ["Policy Brief"] = 1 }, Counts(either["facets"]!["type"]));
        Assert.Equal(new Dictionary<string, int> { ["Defense & Intelligence"] = 1 }, Counts(either["facets"]!["tags"]));

        var narrowed = await Get("/api/search?type=Report&type=In+Focus&tags=" + Uri.EscapeDataString("Defense & Intelligence"));
        Assert.Equal(["if11783v7-biometric-technologies-and-global-security"], Ids(narrowed));

        var byAuthor = await Get("/api/search?q=sovereignty&authors=Neil+Lawrence&authors=Nobody");
        Assert.Equal(["navigating-ai-sovereignty"], Ids(byAuthor));
        Assert.Equal(0, Counts(byAuthor["facets"]!["authors"])["Nobody"]);

        var byPublisher = await Get("/api/search?publisher=" + Uri.EscapeDataString("U.S. Government Accountability Office"));
        Assert.Equal(3, (int)byPublisher["total"]!);
    }

    [Fact]
    public async Task Date_range_and_sort_by_date()
    {
        var body = await Get("/api/search?q=government&from=2026-03-01&to=2026-03&sort=date");

        Assert.Equal(["gao-26-107759", "gao-26-107815", "gao-26-107551"], Ids(body));
        Assert.Equal(new Dictionary<string, int> { ["2026"] = 4, ["2025"] = 1 }, Counts(body["facets"]!["year"]));

        var year = await Get("/api/search?from=2025&to=2025");
        Assert.Equal(["navigating-ai-sovereignty"], Ids(year));
    }

    [Fact]
    public async Task Pages_are_disjoint_and_stable()
    {
        var first = await Get("/api/search?q=government&size=2&page=1");
        var second = await Get("/api/search?q=government&size=2&page=2");
        var third = await Get("/api/search?q=government&size=2&page=3");
        var again = await Get("/api/search?q=government&size=2&page=2");

        var ids = Ids(first).Concat(Ids(second)).Concat(Ids(third)).ToList();
        Assert.Equal((int)first["total"]!, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Ids(second), Ids(again));
    }

    [Theory]
    [InlineData("soverignty", "sovereignty", "navigating-ai-sovereignty")]
    [InlineData("AI soverignty", "AI sovereignty", "navigating-ai-sovereignty")]
    [InlineData("recomendations", "recommendations", null)]
    public async Task Misspelled_words_find_what_was_meant_with_did_you_mean(string query, string corrected, string? top)
    {
        var body = await Get("/api/search?q=" + Uri.EscapeDataString(query));

        Assert.Equal(corrected, (string?)body["didYouMean"]);
        Assert.True((int)body["total"]! > 0);
        if (top is not null) Assert.Equal(top, Ids(body)[0]);
    }

    [Fact]
    public async Task Recent_boost_reorders_results()
    {
        var plain = await Get("/api/search?q=government&mode=keyword");
        var boosted = await Get("/api/search?q=government&mode=keyword&boost=recent");

        Assert.Equal(Ids(plain).Order(), Ids(boosted).Order());
        Assert.NotEqual(Ids(plain), Ids(boosted));
        // The 2025 policy brief falls behind the 2026 CRS brief it outscores without the boost.
        Assert.True(Ids(plain).IndexOf("navigating-ai-sovereignty") < Ids(plain).IndexOf("if11783v7-biometric-technologies-and-global-security"));
        Assert.True(Ids(boosted).IndexOf("navigating-ai-sovereignty") > Ids(boosted).IndexOf("if11783v7-biometric-technologies-and-global-security"));
    }

    [Fact]
    public async Task Mode_names_are_read_without_regard_to_case_or_spaces()
    {
        var keyword = await Get("/api/search?q=quantum&mode=keyword");
        var spelled = await Get("/api/search?q=quantum&mode=%20Keyword%20");
        Assert.Equal(Ids(keyword), Ids(spelled));
    }

    [Theory]
    [InlineData("ai sove", "AI sovereignty", "phrase")]
    [InlineData("defense & int", "Defense & Intelligence", "tag")]
    [InlineData("montgo", "Jessica Montgomery", "author")]
    [InlineData("biometric technologies and gl", "Biometric Technologies and Global Security", "title")]
    public async Task Suggest_completes_what_is_being_typed(string typed, string text, string kind)
    {
        var body = await Get("/api/suggest?q=" + Uri.EscapeDataString(typed));

        Assert.Equal(["suggestions"], body.Select(p => p.Key));
        var first = body["suggestions"]![0]!.AsObject();
        Assert.Equal(["text", "kind"], first.Select(p => p.Key));
        Assert.Equal(text, (string?)first["text"]);
        Assert.Equal(kind, (string?)first["kind"]);
    }

    [Fact]
    public async Task Suggest_respects_size_and_answers_empty_input_with_no_suggestions()
    {
        Assert.Equal(2, (await Get("/api/suggest?q=s&size=2"))["suggestions"]!.AsArray().Count);
        Assert.Empty((await Get("/api/suggest?q="))["suggestions"]!.AsArray());
        Assert.Empty((await Get("/api/suggest"))["suggestions"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/search?mode=fuzzy", "mode must be one of: keyword, semantic, hybrid")]
    [InlineData("/api/search?sort=popular", "sort must be relevance or date")]
    [InlineData("/api/search?boost=old", "boost must be recent")]
    [InlineData("/api/search?from=2020-13-01", "from must be a date as yyyy-MM-dd")]
    [InlineData("/api/search?to=tomorrow", "to must be a date")]
    [InlineData("/api/search?from=2021&to=2020", "from (2021-01-01) is after to (2020-12-31)")]
    [InlineData("/api/suggest?q=a&size=0", "size must be between 1 and 20")]
    [InlineData("/api/suggest?q=a&size=x", "size")]
    public async Task Bad_new_parameters_are_400_problem_details_that_say_what_is_wrong(string url, string expected)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(expected, (string?)problem!["detail"]);
    }

    public static TheoryData<string, string> HostileParameterValues()
    {
        string[] parameters = ["mode", "tags", "authors", "type", "publisher", "from", "to", "sort", "boost", "page", "size", "interim"];
        string[] values =
        [
            "", " ", "\"", "*", "%00", "\u0000", "<script>alert(1)</script>", "'; DROP TABLE briefs; --", "𝔘😀∑",
            "-1", "0", "99999999999999999999", "NaN", "2020-02-30", "0001-01-01", "9999-12-31", "../../etc/passwd",
            new string('x', 400), new string('é', 5000),
        ];
        var data = new TheoryData<string, string>();
        foreach (var parameter in parameters)
        foreach (var value in values)
            data.Add(parameter, value);
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileParameterValues))]
    public async Task Hostile_values_of_every_new_parameter_get_results_or_a_400_never_a_500(string parameter, string value)
    {
        var response = await _client.GetAsync($"/api/search?q=government&{parameter}={Uri.EscapeDataString(value)}");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {parameter}={value[..Math.Min(20, value.Length)]}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
            Assert.False(string.IsNullOrEmpty((string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]));
    }

    [Fact]
    public async Task Many_values_for_one_filter_are_refused_or_served()
    {
        var fifty = string.Join('&', Enumerable.Range(0, 50).Select(i => $"tags=t{i}"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/search?" + fifty)).StatusCode);
        var tooMany = string.Join('&', Enumerable.Range(0, 500).Select(i => $"authors=a{i}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/search?" + tooMany)).StatusCode);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("title:quantum^10 AND (")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\u0000\u0001")]
    [InlineData("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ∑")]
    [InlineData("a b c d e f g h i j k l m n o p q r s t u v w x y z")]
    [InlineData("%00%ff")]
    public async Task Hostile_suggest_input_gets_suggestions_or_none(string typed)
    {
        var response = await _client.GetAsync("/api/suggest?q=" + Uri.EscapeDataString(typed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tooLong = await _client.GetAsync("/api/suggest?q=" + new string('a', 5000));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_suggest_and_the_search_parameters()
    {
        var document = await Get("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();
        Assert.Contains("/api/suggest", paths.Select(p => p.Key));
        var parameters = paths["/api/search"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Equal(["q", "mode", "tags", "authors", "type", "publisher", "from", "to", "sort", "boost", "page", "size", "interim"], parameters, StringComparer.OrdinalIgnoreCase);
    }
}
