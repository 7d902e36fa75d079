using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>Rate and size limits, each in an app of its own with a tiny limit. Windows are an hour long, so no test depends on timing.</summary>
public sealed class RequestLimitTests
{
    private static async Task<JsonObject> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_client_over_the_request_limit_gets_429_with_retry_after()
    {
        using var briefs = BriefFolder.WithFixtures("navigating-ai-sovereignty.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?>
        {
            ["SearchService:Semantic:Enabled"] = "false",
            ["SearchService:Limits:RequestsPerWindow"] = "3",
            ["SearchService:Limits:Window"] = "01:00:00",
        });
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=sovereignty")).StatusCode);
        var refused = await client.GetAsync("/api/search?q=sovereignty");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var problem = await Problem(refused);
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Contains("retry after", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Probes_and_metric_scrapes_are_answered_when_the_client_is_over_its_limit()
    {
        using var briefs = BriefFolder.WithFixtures("navigating-ai-sovereignty.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?>
        {
            ["SearchService:Semantic:Enabled"] = "false",
            ["SearchService:Limits:RequestsPerWindow"] = "1",
            ["SearchService:Limits:Window"] = "01:00:00",
        });
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=sovereignty")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/search?q=sovereignty")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode); // open, so ready (healthy or degraded)
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Writes_have_a_stricter_limit_of_their_own()
    {
        using var briefs = BriefFolder.WithFixtures("navigating-ai-sovereignty.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?>
        {
            ["SearchService:Semantic:Enabled"] = "false",
            ["SearchService:Limits:RequestsPerWindow"] = "100",
            ["SearchService:Limits:WritesPerWindow"] = "2",
            ["SearchService:Limits:Window"] = "01:00:00",
        });
        var admin = app.CreateAdminClient();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/briefs/no-such-brief")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/reindex")).StatusCode);
        var refused = await admin.DeleteAsync("/api/briefs/no-such-brief");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        // Reads are counted apart and still answered.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/briefs")).StatusCode);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_413_and_not_indexed()
    {
        using var briefs = BriefFolder.WithFixtures("navigating-ai-sovereignty.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false", ["SearchService:Limits:MaxUploadBytes"] = "4096" });
        var admin = app.CreateAdminClient();
        var large = File.ReadAllBytes(SearchApp.Fixture("IF11783v7-biometric-technologies-and-global-security.md"));
        // Over the file limit but within the request limit (file + multipart framing): the file's own size is checked.
        Assert.InRange(large.Length, 4097, 4096 + 64 * 1024);

        var refused = await admin.PostAsync("/api/briefs", SearchApp.Upload(large, "biometrics.md"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("at most 4,096 bytes", (string?)(await Problem(refused))["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/briefs/biometrics")).StatusCode);
    }

    [Fact]
    public async Task A_body_larger_than_the_request_limit_is_refused_before_it_is_read()
    {
        using var briefs = BriefFolder.WithFixtures("navigating-ai-sovereignty.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false", ["SearchService:Limits:MaxUploadBytes"] = "4096" });
        var admin = app.CreateAdminClient();
        var huge = new byte[200 * 1024];

        var refused = await admin.PostAsync("/api/briefs", SearchApp.Upload(huge, "huge.md"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("Uploads may be at most", (string?)(await Problem(refused))["detail"]);
    }
}
