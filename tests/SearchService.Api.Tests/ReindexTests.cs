using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

public sealed class ReindexTests
{
    /// <summary>Polls the reindex status until it leaves "Running"; the token only guards against a hang.</summary>
    private static async Task<JsonObject> WaitForReindex(HttpClient admin, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/reindex", cancellationToken))!;
            if ((string?)status["state"] != "Running") return status;
            await Task.Delay(50, cancellationToken);
        }
    }

    private static string[] Generations(SearchApp app) =>
        Directory.GetDirectories(Path.Combine(app.IndexPath, "generations")).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public async Task An_index_embedded_by_another_encoder_is_embedded_again_at_start_up()
    {
        using var briefs = BriefFolder.WithCopies(1, "navigating-ai-sovereignty.md", "gao-26-107759.md");
        var index = Path.Combine(Path.GetTempPath(), $"searchservice-encoder-switch-{Guid.NewGuid():N}");
        const string search = "/api/search?q=national+control+over+artificial+intelligence+capabilities&mode=semantic";
        string Generation() => File.ReadAllText(Path.Combine(index, "current")).Trim();
        async Task<JsonObject> StartAndSearch(string? encoder)
        {
            var settings = new Dictionary<string, string?> { ["SearchService:IndexPath"] = index };
            if (encoder is not null) settings["SearchService:Semantic:Encoder"] = encoder;
            await using var app = SearchApp.With(briefs.Path, settings);
            var response = await app.CreateClient().GetAsync(search);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }
        try
        {
            await StartAndSearch("minilm");
            var built = Generation();
            await StartAndSearch("minilm");
            Assert.Equal(built, Generation()); // same encoder: the index is reused as it is

            // Arctic's vectors are as long as MiniLM's: only the recorded model name tells them apart.
            await StartAndSearch("arctic");
            var arctic = Generation();
            Assert.NotEqual(built, arctic);

            // The default (both models) makes longer vectors: without re-embedding every semantic query would fail.
            var found = await StartAndSearch(encoder: null);
            Assert.NotEqual(arctic, Generation());
            Assert.Equal("navigating-ai-sovereignty-copy-1", (string?)found["hits"]![0]!["id"]);
        }
        finally
        {
            try { Directory.Delete(index, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
        }
    }

    [Fact]
    public async Task Searches_during_a_reindex_all_succeed_and_see_every_brief_and_writes_meanwhile_are_kept()
    {
        // Enough briefs that the rebuild is still running when the second request and the upload arrive.
        const int copies = 16;
        using var briefs = BriefFolder.WithCopies(copies, "navigating-ai-sovereignty.md", "gao-26-107759.md", "gao-26-107815.md", "IF11783v7-biometric-technologies-and-global-security.md");
        await using var app = SearchApp.With(briefs.Path);
        var admin = app.CreateAdminClient();
        admin.Timeout = TimeSpan.FromMinutes(2);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var quantumBriefs = (long)(await admin.GetFromJsonAsync<JsonObject>("/api/search?q=quantum"))!["total"]!;
        Assert.Equal(copies, quantumBriefs);

        var rebuilding = 0;
        var servedDuringRebuild = 0;
        var served = 0;
        var errors = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        string[] reads =
        [
            "/api/search?q=quantum",
            "/api/briefs/gao-26-107759-copy-3/related?k=5",
            "/api/briefs/navigating-ai-sovereignty-copy-7",
            "/api/briefs?page=2&size=10",
            "/api/search?q=quantum&page=2&size=5",
        ];
        var load = Enumerable.Range(0, 3).Select(worker => Task.Run(async () =>
        {
            var client = app.CreateClient();
            client.Timeout = TimeSpan.FromMinutes(1);
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                var url = reads[i % reads.Length];
                var during = Volatile.Read(ref rebuilding) == 1;
                try
                {
                    var response = await client.GetAsync(url, guard.Token);
                    if (response.StatusCode != HttpStatusCode.OK)
                        errors.Enqueue($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    else if (url == reads[0] && (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["total"]! != quantumBriefs)
                        errors.Enqueue($"{url}: a search saw a partial index");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    errors.Enqueue($"{url}: {e.Message}");
                }
                Interlocked.Increment(ref served);
                if (during && Volatile.Read(ref rebuilding) == 1) Interlocked.Increment(ref servedDuringRebuild);
            }
        })).ToArray();

        var started = await admin.PostAsync("/api/admin/reindex", null, guard.Token);
        Volatile.Write(ref rebuilding, 1);
        var second = await admin.PostAsync("/api/admin/reindex", null, guard.Token);
        var upload = await admin.PostAsync("/api/briefs",
            SearchApp.Upload(File.ReadAllBytes(SearchApp.Fixture("gao-26-107551.md")), "written-during-reindex.md"), guard.Token);
        var final = await WaitForReindex(admin, guard.Token);
        Volatile.Write(ref rebuilding, 0);
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(reads[0], guard.Token)).StatusCode);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/api/admin/reindex", started.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Empty(errors);
        Assert.True(servedDuringRebuild > 0, $"no request was served while the rebuild ran ({served} in all)");
        Assert.Equal("Succeeded", (string?)final["state"]);
        Assert.Equal(2, (int)final["generation"]!);
        Assert.Equal(4 * copies, (int)final["indexed"]!);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/briefs/written-during-reindex", guard.Token)).StatusCode);
        Assert.Equal(4 * copies + 1, (int)(await admin.GetFromJsonAsync<JsonObject>("/health", guard.Token))!["briefs"]!);

        // The old generation goes once its last request has returned its lease.
        while (Generations(app).Length > 1) await Task.Delay(50, guard.Token);
        Assert.Equal(["2"], Generations(app));
        Assert.Equal("2", File.ReadAllText(Path.Combine(app.IndexPath, "current")).Trim());
    }
}
