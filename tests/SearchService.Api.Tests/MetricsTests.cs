using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>
/// <c>/metrics</c> after real requests holds every series docs/operations.md lists: request rate and latency per
/// endpoint, search time per stage, cache hits, index size, briefs, passages, embedding backlog, related lists pending.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests : IAsyncLifetime
{
    private SearchApp _app = null!;
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _app = new SearchApp();
        _reader = _app.CreateClient();
        return Task.CompletedTask;
    }

    private async Task<PrometheusText> Scrape() => PrometheusText.Parse(await _reader.GetStringAsync("/metrics"));

    /// <summary>A scrape that shows <paramref name="recorded"/>, or the last of those tried for a few seconds.</summary>
    private async Task<PrometheusText> ScrapeShowing(Func<PrometheusText, bool> recorded)
    {
        var metrics = await Scrape();
        for (var attempt = 0; attempt < 50 && !recorded(metrics); attempt++)
        {
            await Task.Delay(100);
            metrics = await Scrape();
        }
        return metrics;
    }

    /// <summary>Request samples of one route (ASP.NET writes a group's root route with or without its trailing slash).</summary>
    private static IEnumerable<PrometheusText.Sample> OfRoute(PrometheusText metrics, string name, string method, string route) =>
        metrics.Find(name, ("http_request_method", method)).Where(s => s.Labels.GetValueOrDefault("http_route")?.TrimEnd('/') == route);

    [Fact]
    public async Task Every_operator_series_is_there_after_real_requests()
    {
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync("/api/search?q=quantum&mode=keyword")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync("/api/search?q=quantum&mode=keyword")).StatusCode); // from the result cache
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync("/api/search?q=water+infrastructure+funding&mode=hybrid")).StatusCode);
        // Another page is another result, but the same query vector: computed again with the vector from its cache.
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync("/api/search?q=water+infrastructure+funding&mode=hybrid&page=2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _reader.PostAsJsonAsync("/api/search/similar", new { text = "Biometric technologies such as facial recognition in border security", mode = "semantic" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync("/api/suggest?q=quan")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync("/api/briefs/gao-26-107759/related")).StatusCode);
        var before = await Scrape();

        using var admin = _app.CreateAdminClient();
        var farmBill = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "formats", "IF12024v6-farm-bill-primer-conservation-title.md"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/briefs", SearchApp.Upload(farmBill, "IF12024v6-farm-bill-primer-conservation-title.md"))).StatusCode);
        var health = (await _reader.GetFromJsonAsync<JsonObject>("/health"))!;
        // A request's duration is recorded as its pipeline ends, which may be after the client has the response.
        var after = await ScrapeShowing(metrics => OfRoute(metrics, "http_server_request_duration_seconds_count", "POST", "/api/briefs").Any());

        // Request rate and latency per endpoint (a histogram: its count is the rate, its buckets the latency).
        Assert.Equal(4, OfRoute(after, "http_server_request_duration_seconds_count", "GET", "/api/search").Sum(s => s.Value));
        Assert.NotEmpty(OfRoute(after, "http_server_request_duration_seconds_bucket", "GET", "/api/search"));
        Assert.Equal(1, OfRoute(after, "http_server_request_duration_seconds_count", "POST", "/api/search/similar").Sum(s => s.Value));
        Assert.Equal(1, OfRoute(after, "http_server_request_duration_seconds_count", "GET", "/api/suggest").Sum(s => s.Value));
        Assert.Equal(1, OfRoute(after, "http_server_request_duration_seconds_count", "GET", "/api/briefs/{id}/related").Sum(s => s.Value));
        Assert.Equal(1, OfRoute(after, "http_server_request_duration_seconds_count", "POST", "/api/briefs").Sum(s => s.Value));

        // Search time per stage and mode.
        foreach (var stage in new[] { "keyword", "spelling", "facets", "snippets" })
            Assert.True(after.Value("searchservice_search_stage_duration_milliseconds_count", ("mode", "keyword"), ("stage", stage)) >= 1, stage);
        foreach (var stage in new[] { "keyword", "encode", "vectors", "fusion", "facets", "snippets" })
            Assert.True(after.Value("searchservice_search_stage_duration_milliseconds_count", ("mode", "hybrid"), ("stage", stage)) >= 1, stage);
        Assert.True(after.Value("searchservice_search_stage_duration_milliseconds_count", ("mode", "semantic"), ("stage", "encode")) >= 1);

        // Cache hits: the repeated keyword search came from the result cache, page 2 reused the query vector.
        Assert.Equal(1, after.Value("searchservice_search_results_total", ("mode", "keyword"), ("cached", "true")));
        Assert.Equal(1, after.Value("searchservice_search_results_total", ("mode", "keyword"), ("cached", "false")));
        Assert.Equal(2, after.Value("searchservice_search_results_total", ("mode", "hybrid"), ("cached", "false")));
        Assert.True(after.Value("searchservice_query_vectors_hits_total") >= 1);
        Assert.True(after.Value("searchservice_query_vectors_misses_total") >= 2); // two different texts were encoded

        // The index: what /health says, and the upload shows.
        Assert.Equal((int)health["briefs"]!, after.Value("searchservice_index_briefs"));
        Assert.Equal(before.Value("searchservice_index_briefs") + 1, after.Value("searchservice_index_briefs"));
        Assert.True(after.Value("searchservice_index_passages") > before.Value("searchservice_index_passages"));
        Assert.True(after.Value("searchservice_index_size_bytes") > 0);
        Assert.Equal((int)health["embedding"]!["pending"]!, after.Value("searchservice_embedding_pending"));
        // Related lists pending move while the workers compute the new brief's list: the series is there, its value is /health's.
        Assert.Single(after.Find("searchservice_related_pending"));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
