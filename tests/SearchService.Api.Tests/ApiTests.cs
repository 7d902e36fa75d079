using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

public sealed class ApiTests(SearchApp app) : IClassFixture<SearchApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Health_reports_the_briefs_indexed_at_start_up()
    {
        var health = await _client.GetFromJsonAsync<JsonObject>("/health");
        Assert.Equal("ok", (string?)health!["status"]);
        Assert.Equal(5, (int)health["briefs"]!);
    }

    [Fact]
    public async Task Search_returns_the_contract_shape()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var body = await _client.GetFromJsonAsync<JsonObject>("/api/search?q=AI+sovereignty&page=1&size=10");
        var roundTripMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        Assert.True((long)body!["total"]! >= 1);
        // The service's own measure of the search, in milliseconds: within the round trip the client saw.
        Assert.Equal(JsonValueKind.Number, body["tookMs"]!.GetValueKind());
        Assert.InRange((double)body["tookMs"]!, 0, roundTripMs);
        var hit = body["hits"]![0]!;
        Assert.Equal("navigating-ai-sovereignty", (string?)hit["id"]);
        Assert.Equal("Navigating AI Sovereignty: Strategic Choices for the UK", (string?)hit["title"]);
        Assert.Equal("2025-11-18", (string?)hit["date"]);
        Assert.Equal("Policy Brief", (string?)hit["tags"]![0]);
        Assert.True((double)hit["score"]! > 0);
        Assert.Contains("<mark>", (string?)hit["snippets"]![0]);
    }

    [Fact]
    public async Task Semantic_and_hybrid_modes_find_a_brief_that_shares_no_words_with_the_query()
    {
        const string query = "national+control+over+artificial+intelligence+capabilities";
        var semantic = await _client.GetFromJsonAsync<JsonObject>($"/api/search?q={query}&mode=semantic");
        var hybrid = await _client.GetFromJsonAsync<JsonObject>($"/api/search?q={query}");

        Assert.Equal("navigating-ai-sovereignty", (string?)semantic!["hits"]![0]!["id"]);
        Assert.Contains(hybrid!["hits"]!.AsArray(), h => (string?)h!["id"] == "navigating-ai-sovereignty");
        // The snippet of a meaning match is the passage itself, escaped, even with no word in common.
        Assert.False(string.IsNullOrWhiteSpace((string?)semantic["hits"]![0]!["snippets"]![0]));
        Assert.NotNull(semantic["facets"]);
    }

    [Fact]
    public async Task Brief_has_findings_and_recommendations_in_the_contract_shape()
    {
        var brief = await _client.GetFromJsonAsync<JsonObject>("/api/briefs/navigating-ai-sovereignty");

        Assert.Equal(4, brief!["findings"]!.AsArray().Count);
        Assert.Equal("Key Findings", (string?)brief["findings"]![0]!["section"]);
        Assert.NotNull((string?)brief["findings"]![0]!["text"]);
        var recommendations = brief["recommendations"]!.AsArray();
        Assert.Equal(10, recommendations.Count);
        Assert.Equal("Make government an anchor customer for UK AI", (string?)recommendations[0]!["title"]);
        Assert.NotNull((string?)recommendations[0]!["detail"]);
        Assert.NotNull((string?)recommendations[0]!["text"]);
        Assert.Equal("Recommendations", (string?)recommendations[0]!["section"]);
        Assert.Equal(4, brief["authors"]!.AsArray().Count);
        Assert.Equal("Director ai@cam", (string?)brief["authors"]![0]!["role"]);
    }

    [Fact]
    public async Task Brief_list_pages_through_every_brief()
    {
        var first = await _client.GetFromJsonAsync<JsonObject>("/api/briefs?page=1&size=3");
        var second = await _client.GetFromJsonAsync<JsonObject>("/api/briefs?page=2&size=3");

        Assert.Equal(5, (int)first!["total"]!);
        var ids = first["items"]!.AsArray().Concat(second!["items"]!.AsArray()).Select(i => (string?)i!["id"]).ToList();
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task Related_lists_other_briefs_with_scores_and_reasons()
    {
        var body = await _client.GetFromJsonAsync<JsonObject>("/api/briefs/gao-26-107551/related?k=3");

        Assert.Equal("gao-26-107551", (string?)body!["id"]);
        var related = body["related"]!.AsArray();
        Assert.InRange(related.Count, 1, 3);
        Assert.DoesNotContain(related, r => (string?)r!["id"] == "gao-26-107551");
        Assert.All(related, r =>
        {
            Assert.False(string.IsNullOrEmpty((string?)r!["title"]));
            Assert.True(double.IsFinite((double)r["score"]!));
            Assert.NotEmpty(r["reasons"]!.AsArray());
        });
        // The score orders the list; its scale depends on the ranking (the fixed weighting's sum can be below 0).
        var scores = related.Select(r => (double)r!["score"]!).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Theory]
    [InlineData("/api/briefs/no-such-brief")]
    [InlineData("/api/briefs/no-such-brief/related")]
    public async Task Unknown_ids_are_404_problem_details(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(404, (int)problem!["status"]!);
        Assert.Contains("no-such-brief", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("/api/search?q=x&size=0", "size must be between 1 and 100")]
    [InlineData("/api/search?q=x&size=1000", "size must be between 1 and 100")]
    [InlineData("/api/search?q=x&page=0", "page must be 1 or more")]
    [InlineData("/api/search?q=x&page=abc", "page")]
    [InlineData("/api/search?q=x&page=99999&size=100", "may not exceed")]
    [InlineData("/api/briefs?size=-1", "size must be between 1 and 100")]
    [InlineData("/api/briefs/navigating-ai-sovereignty/related?k=0", "k must be between 1 and 50")]
    [InlineData("/api/briefs/navigating-ai-sovereignty/related?k=many", "k")]
    public async Task Bad_parameters_are_400_problem_details_that_say_what_is_wrong(string url, string expected)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(400, (int)problem!["status"]!);
        Assert.Contains(expected, (string?)problem["detail"]);
    }

    public static TheoryData<string> HostileQueries => new()
    {
        "\"unbalanced quote",
        "-",
        "*",
        "~",
        "AND",
        "OR OR OR",
        "title:quantum^10 AND (",
        "<script>alert(1)</script>",
        "'; DROP TABLE briefs; --",
        "%00%ff",
        "\u0000\u0001\u0002",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ∑",
        new string('a', 5000),
        string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"t{i}")),
        string.Join(' ', Enumerable.Repeat("quantum", 150)),
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Hostile_queries_get_results_or_a_400_never_a_500(string query)
    {
        var response = await _client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {query[..Math.Min(40, query.Length)]}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
            Assert.Contains("limit is", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_endpoints()
    {
        var document = await _client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();
        Assert.Contains("/api/search", paths.Select(p => p.Key));
        Assert.Contains("/api/briefs/{id}", paths.Select(p => p.Key));
        Assert.Contains("/api/briefs/{id}/related", paths.Select(p => p.Key));
    }

    [Fact]
    public async Task Json_is_camel_case_with_enum_names()
    {
        var json = await _client.GetStringAsync("/api/briefs/navigating-ai-sovereignty");
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.TryGetProperty("recommendations", out _));
        Assert.Equal("Findings", document.RootElement.GetProperty("sections").EnumerateArray()
            .First(s => s.GetProperty("heading").GetString() == "Key Findings").GetProperty("role").GetString());
    }
}
