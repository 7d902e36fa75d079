using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SearchService.Api.Analytics;
using SearchService.Core.Analytics;
using SearchService.Core.Search;

namespace SearchService.Api.Tests;

/// <summary>
/// Search analytics over HTTP: what searches, related lists and click beacons record (and what they must not), how the
/// report aggregates it, who may read it, how retention bounds it, and that it outlives a restart and a reindex.
/// </summary>
public sealed class AnalyticsApiTests
{
    private const string Report = "/api/admin/analytics";

    /// <summary>A clock the test moves: the service records and prunes by it.</summary>
    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static async Task<JsonObject> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task ClickAsync(HttpClient client, string searchId, string briefId, int position)
    {
        // As navigator.sendBeacon sends a string: text/plain.
        var beacon = new StringContent($$"""{"searchId":"{{searchId}}","briefId":"{{briefId}}","position":{{position}}}""", Encoding.UTF8, "text/plain");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/analytics/clicks", beacon)).StatusCode);
    }

    private static JsonObject? Row(JsonNode report, string list, string query) =>
        report[list]!.AsArray().Select(r => r!.AsObject()).FirstOrDefault(r => (string)r["query"]! == query);

    [Fact]
    public async Task Searches_related_lists_and_clicks_are_recorded_and_aggregated()
    {
        using var briefs = BriefFolder.WithFixtures("navigating-ai-sovereignty.md", "gao-26-107759.md", "gao-26-107815.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false" });
        var reader = app.CreateClient();
        var admin = app.CreateAdminClient();

        var first = await SearchAsync(reader, "/api/search?q=Quantum&size=2");
        var second = await SearchAsync(reader, "/api/search?q=++quantum++&type=Report");
        await SearchAsync(reader, "/api/search?q=zygomorphic");
        await SearchAsync(reader, "/api/search?q=zygomorphic");
        await SearchAsync(reader, "/api/search?q=refugee");
        var interim = await SearchAsync(reader, "/api/search?q=quant&interim=true");
        var landing = await SearchAsync(reader, "/api/search");
        var similar = await reader.PostAsJsonAsync("/api/search/similar", new { text = "Refugee assistance funding for Ukraine", mode = "keyword" });
        Assert.Equal(HttpStatusCode.OK, similar.StatusCode);
        var related = (await reader.GetFromJsonAsync<JsonObject>("/api/briefs/gao-26-107759/related?k=2"))!;

        var firstId = (string)first["searchId"]!;
        Assert.Matches("^[0-9a-f]{16}$", firstId);
        Assert.NotEqual(firstId, (string)second["searchId"]!);
        Assert.Null(interim["searchId"]); // typing: answered, not recorded
        Assert.Null(landing["searchId"]); // the landing list is not a search
        await ClickAsync(reader, firstId, (string)first["hits"]![0]!["id"]!, 1);
        await ClickAsync(reader, firstId, "navigating-ai-sovereignty", 3);
        await ClickAsync(reader, (string)related["searchId"]!, (string)related["related"]![1]!["id"]!, 2);

        var report = (await admin.GetFromJsonAsync<JsonObject>(Report))!;
        Assert.Equal(6, (long)report["searches"]!); // 2 × quantum, 2 × zygomorphic, refugee, similar
        Assert.Equal(2, (long)report["clicks"]!);
        Assert.Equal(1, (long)report["searchesWithClicks"]!);
        Assert.Equal(Math.Round(1.0 / 6, 4), (double)report["clickThroughRate"]!);
        Assert.Equal(2.0, (double)report["meanClickedPosition"]!);

        var quantum = Row(report, "topQueries", "quantum")!;
        Assert.Equal(2, (long)quantum["searches"]!); // case and spaces normalised: one query
        Assert.Equal(0.5, (double)quantum["clickThroughRate"]!);
        Assert.Equal("quantum", (string)report["topQueries"]![0]!["query"]!); // most searched; ties (zygomorphic) alphabetical
        var none = Row(report, "noResults", "zygomorphic")!;
        Assert.Equal(2, (long)none["searches"]!);
        Assert.Single(report["noResults"]!.AsArray());
        Assert.NotNull(Row(report, "neverOpened", "refugee"));
        Assert.NotNull(Row(report, "neverOpened", "refugee assistance funding for ukraine"));
        Assert.Null(Row(report, "neverOpened", "quantum"));

        var today = report["perDay"]!.AsArray().Last()!;
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), (string)today["day"]!);
        Assert.Equal(6, (long)today["searches"]!);
        Assert.Equal(2, (long)today["noResults"]!);
        Assert.Equal(30, report["perDay"]!.AsArray().Count);

        Assert.Equal(1, (long)report["related"]!["shown"]!);
        Assert.Equal(1, (long)report["related"]!["clicked"]!);
        Assert.Equal(2.0, (double)report["related"]!["meanClickedPosition"]!);

        // The filters a search used are kept with it.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.IndexPath, AnalyticsStore.FileName)};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT filters FROM searches WHERE search_id = $id";
        command.Parameters.AddWithValue("$id", (string)second["searchId"]!);
        Assert.Equal("type=Report", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Nothing_about_the_reader_is_kept()
    {
        using var briefs = BriefFolder.WithFixtures("gao-26-107759.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false" });
        var reader = app.CreateClient();
        reader.DefaultRequestHeaders.Add("User-Agent", "CanaryAgent/7f3a");
        reader.DefaultRequestHeaders.Add("Cookie", "session=canary-cookie-9b2c");
        reader.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        reader.DefaultRequestHeaders.Add("Referer", "https://canary-referrer.example/page");
        var answer = await SearchAsync(reader, "/api/search?q=qubits+canaryquery");
        await ClickAsync(reader, (string)answer["searchId"]!, "gao-26-107759", 1);
        await app.CreateAdminClient().GetAsync(Report); // writes out the queue

        var stored = string.Concat(Directory.GetFiles(app.IndexPath, AnalyticsStore.FileName + "*").Select(f => Encoding.UTF8.GetString(ReadShared(f))));
        Assert.Contains("canaryquery", stored); // what was searched is there…
        foreach (var personal in new[] { "CanaryAgent", "canary-cookie", "203.0.113.77", "canary-referrer", "127.0.0.1" })
            Assert.DoesNotContain(personal, stored); // …who searched is not

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.IndexPath, AnalyticsStore.FileName)};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info('searches') UNION ALL SELECT name FROM pragma_table_info('clicks'))";
        Assert.Equal("search_id,at,kind,query,mode,filters,total,took_ms,search_id,at,brief_id,position", await command.ExecuteScalarAsync());
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task The_report_needs_the_api_key_and_the_beacon_does_not()
    {
        using var briefs = BriefFolder.WithFixtures("gao-26-107759.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false" });
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Report)).StatusCode);
        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key-0123456789abcdef");
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.GetAsync(Report)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAdminClient().GetAsync(Report)).StatusCode);

        var answer = await SearchAsync(anonymous, "/api/search?q=qubits");
        await ClickAsync(anonymous, (string)answer["searchId"]!, "gao-26-107759", 1);
        var bad = await anonymous.PostAsync("/api/analytics/clicks", new StringContent("""{"searchId":"x y","briefId":"a","position":0}""", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var huge = await anonymous.PostAsync("/api/analytics/clicks", new StringContent(new string(' ', 5_000) + "{}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateAdminClient().GetAsync(Report + "?from=2026-12-31&to=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateAdminClient().GetAsync(Report + "?from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task Retention_keeps_the_newest_rows_and_drops_old_ones()
    {
        using var briefs = BriefFolder.WithFixtures("gao-26-107759.md");
        var clock = new SettableClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?>
        {
            ["SearchService:Semantic:Enabled"] = "false",
            ["SearchService:Analytics:MaxSearches"] = "3",
            ["SearchService:Analytics:RetentionDays"] = "30",
            ["SearchService:Analytics:PruneInterval"] = "00:00:00", // prune with every batch
        }, clock);
        var reader = app.CreateClient();
        var admin = app.CreateAdminClient();
        async Task<List<string>> Queries(string from, string to)
        {
            var report = (await admin.GetFromJsonAsync<JsonObject>($"{Report}?from={from}&to={to}&top=50"))!;
            return report["topQueries"]!.AsArray().Select(r => (string)r!["query"]!).Order().ToList();
        }

        foreach (var query in new[] { "alpha", "bravo", "charlie", "delta", "echo" })
        {
            await SearchAsync(reader, $"/api/search?q={query}");
            clock.Now = clock.Now.AddMinutes(1);
            await admin.GetAsync(Report); // one batch per search, so each is pruned after
        }
        Assert.Equal(["charlie", "delta", "echo"], await Queries("2026-01-01", "2026-12-31")); // the newest 3

        clock.Now = clock.Now.AddDays(31);
        await SearchAsync(reader, "/api/search?q=foxtrot");
        Assert.Equal(["foxtrot"], await Queries("2026-01-01", "2026-12-31")); // the others are past 30 days
    }

    [Fact]
    public async Task Recordings_survive_a_restart_and_a_reindex()
    {
        using var briefs = BriefFolder.WithFixtures("gao-26-107759.md");
        var index = Path.Combine(Path.GetTempPath(), $"searchservice-analytics-restart-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false", ["SearchService:IndexPath"] = index };
        try
        {
            await using (var before = SearchApp.With(briefs.Path, settings))
            {
                await SearchAsync(before.CreateClient(), "/api/search?q=qubits");
            } // stopping writes out what is queued

            await using var after = SearchApp.With(briefs.Path, settings);
            var admin = after.CreateAdminClient();
            Assert.NotNull(Row((await admin.GetFromJsonAsync<JsonObject>(Report))!, "topQueries", "qubits"));

            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/admin/reindex", null)).StatusCode);
            while ((string?)(await admin.GetFromJsonAsync<JsonObject>("/api/admin/reindex"))!["state"] == "Running") await Task.Delay(50);
            await SearchAsync(after.CreateClient(), "/api/search?q=qubits");
            Assert.Equal(2, (long)Row((await admin.GetFromJsonAsync<JsonObject>(Report))!, "topQueries", "qubits")!["searches"]!);
            Assert.True(File.Exists(Path.Combine(index, AnalyticsStore.FileName))); // beside the generations, not in one
        }
        finally
        {
            try { Directory.Delete(index, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
        }
    }

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_waiting()
    {
        // No writer drains this recorder: its queue fills after 2 events.
        var analytics = new SearchAnalytics(Options.Create(new AnalyticsOptions { QueueCapacity = 2 }), TimeProvider.System);
        var ids = Enumerable.Range(0, 5).Select(i => analytics.RecordSearch(SearchKinds.Search, $"query {i}", "keyword", BriefFilter.None, 1, 0.5)).ToList();
        Assert.All(ids, id => Assert.NotNull(id)); // every search still gets its answer and id
        Assert.Equal(3, analytics.Dropped);
    }
}
