using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

public sealed class ThemesApiTests(SearchApp app) : IClassFixture<SearchApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Themes_group_matching_statements_by_brief_with_years_and_topics()
    {
        var body = await _client.GetFromJsonAsync<JsonObject>("/api/themes?q=ai+sovereignty");

        Assert.Equal("ai sovereignty", (string?)body!["query"]);
        var first = body["briefs"]![0]!;
        Assert.Equal("navigating-ai-sovereignty", (string?)first["id"]);
        Assert.NotEmpty(first["passages"]!.AsArray());
        Assert.Contains(body["years"]!.AsArray(), y => (int)y!["year"]! == 2025);
        Assert.NotEmpty(body["topics"]!.AsArray());
    }

    [Fact]
    public async Task Csv_has_one_row_per_statement()
    {
        var response = await _client.GetAsync("/api/themes?q=ai+sovereignty&format=csv&size=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("brief_id,", lines[0]);
    }

    [Theory]
    [InlineData("/api/themes", "q is required")]
    [InlineData("/api/themes?q=x&format=xml", "format must be json or csv")]
    [InlineData("/api/themes?q=x&from=2026-01-01&to=2025-01-01", "is after")]
    [InlineData("/api/themes?q=x&from=yesterday", "from must be a date")]
    public async Task Bad_theme_requests_are_400(string url, string expected)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString());
    }
}
