using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

public sealed class AccessControlTests(SearchApp app) : IClassFixture<SearchApp>
{
    public static TheoryData<string, string> WriteAndAdminEndpoints => new()
    {
        { "POST", "/api/briefs" },
        { "PUT", "/api/briefs/navigating-ai-sovereignty" },
        { "DELETE", "/api/briefs/navigating-ai-sovereignty" },
        { "POST", "/api/admin/reindex" },
        { "GET", "/api/admin/reindex" },
    };

    private static HttpRequestMessage Request(string method, string url, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method is "POST" or "PUT" && url.StartsWith("/api/briefs", StringComparison.Ordinal)
                ? SearchApp.Upload(File.ReadAllBytes(SearchApp.Fixture("navigating-ai-sovereignty.md")), "navigating-ai-sovereignty.md")
                : null,
        };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private static async Task<JsonObject> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Theory]
    [MemberData(nameof(WriteAndAdminEndpoints))]
    public async Task Without_a_key_writes_and_admin_calls_are_401_and_say_which_header(string method, string url)
    {
        var response = await app.CreateClient().SendAsync(Request(method, url, key: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("X-Api-Key header", (string?)(await Problem(response))["detail"]);
    }

    [Theory]
    [MemberData(nameof(WriteAndAdminEndpoints))]
    public async Task With_a_wrong_key_writes_and_admin_calls_are_403(string method, string url)
    {
        foreach (var wrong in new[] { "x", SearchApp.ApiKey + "x", SearchApp.ApiKey[..^1] + "X", SearchApp.ApiKey.ToUpperInvariant() })
        {
            var response = await app.CreateClient().SendAsync(Request(method, url, wrong));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("not one of the configured API keys", (string?)(await Problem(response))["detail"]);
        }
    }

    [Fact]
    public async Task With_the_key_an_admin_call_is_let_through()
    {
        var response = await app.CreateAdminClient().GetAsync("/api/admin/reindex");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Idle", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["state"]);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/search?q=quantum")]
    [InlineData("/api/briefs")]
    [InlineData("/api/briefs/navigating-ai-sovereignty")]
    [InlineData("/api/briefs/navigating-ai-sovereignty/related")]
    public async Task Reads_need_no_key(string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task With_no_key_configured_writes_are_disabled_not_open()
    {
        await using var unconfigured = SearchApp.With(null, new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false", ["SearchService:ApiKeys:0"] = "" });
        var client = unconfigured.CreateClient();

        foreach (var key in new[] { null, "", "anything-at-all-0123456789" })
        {
            var response = await client.SendAsync(Request("DELETE", "/api/briefs/navigating-ai-sovereignty", key));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Writes are disabled until an API key is configured", (string?)(await Problem(response))["detail"]);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/briefs/navigating-ai-sovereignty")).StatusCode);
    }

    [Fact]
    public async Task A_short_configured_key_stops_the_service_from_starting()
    {
        await using var weak = SearchApp.With(null, new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false", ["SearchService:ApiKeys:0"] = "letmein" });

        var failure = Assert.ThrowsAny<Exception>(() => weak.CreateClient());

        Assert.Contains("shorter than 16 characters", failure.ToString());
    }
}
