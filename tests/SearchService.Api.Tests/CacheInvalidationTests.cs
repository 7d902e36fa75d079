using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SearchService.Api.Tests;

/// <summary>
/// Search results and query vectors are cached: every kind of write (upload, update, delete, reindex) must show in
/// the next identical search. Each step searches, writes, and searches again.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class CacheInvalidationTests : IAsyncLifetime
{
    private const string Query = "/api/search?q=zygomorphic+quantum&size=10";
    private readonly BriefFolder _briefs = BriefFolder.WithFixtures("navigating-ai-sovereignty.md", "gao-26-107759.md");
    private SearchApp _app = null!;
    private HttpClient _admin = null!;
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _app = SearchApp.With(_briefs.Path);
        _admin = _app.CreateAdminClient();
        _reader = _app.CreateClient();
        return Task.CompletedTask;
    }

    private static byte[] Brief(string body) => Encoding.UTF8.GetBytes($"---\ntitle: Zygomorphic Flowers\ndate: 2026-05-01\n---\n\n# Zygomorphic Flowers\n\n{body}\n");

    private async Task<List<string>> Ids() =>
        (await _reader.GetFromJsonAsync<JsonObject>(Query))!["hits"]!.AsArray().Select(h => (string)h!["id"]!).ToList();

    private async Task<double> SearchCacheHits()
    {
        var metrics = await _reader.GetStringAsync("/metrics");
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("searchservice_search_results_total{", StringComparison.Ordinal) && l.Contains("cached=\"true\"", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(TrailingNumber().Match(line).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Upload_update_delete_and_reindex_each_show_in_the_next_identical_search()
    {
        var before = await Ids();
        Assert.Equal(before, await Ids()); // the second is answered from the cache
        Assert.True(await SearchCacheHits() >= 1);

        var upload = await _admin.PostAsync("/api/briefs", SearchApp.Upload(Brief("Zygomorphic flowers have one plane of symmetry."), "zygomorphic.md"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Contains("zygomorphic", await Ids());

        var update = await _admin.PutAsync("/api/briefs/zygomorphic", SearchApp.Upload(Brief("Zygomorphic flowers and quantum sensors: one plane of symmetry."), "zygomorphic.md"));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("zygomorphic", (await Ids())[0]); // now it holds both words

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/briefs/zygomorphic")).StatusCode);
        Assert.DoesNotContain("zygomorphic", await Ids());

        // A reindex swaps in a new generation: the same search is computed again there, not served from the old one.
        await Ids();
        var hitsBefore = await SearchCacheHits();
        Assert.Equal(HttpStatusCode.Accepted, (await _admin.PostAsync("/api/admin/reindex", null)).StatusCode);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while ((string?)(await _admin.GetFromJsonAsync<JsonObject>("/api/admin/reindex", guard.Token))!["state"] == "Running") await Task.Delay(50, guard.Token);
        Assert.Equal(before, await Ids());
        Assert.Equal(hitsBefore, await SearchCacheHits());
    }

    [GeneratedRegex(@"[0-9.eE+-]+$")]
    private static partial Regex TrailingNumber();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _briefs.Dispose();
    }
}
