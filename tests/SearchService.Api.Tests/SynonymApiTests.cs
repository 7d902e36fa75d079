using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>Synonyms over HTTP: they change keyword and hybrid results at once, without a reindex, and survive a restart.</summary>
public sealed class SynonymApiTests
{
    private const string Synonyms = "/api/admin/synonyms";

    private static async Task<List<string>> Ids(HttpClient client, string query, string mode) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/search?q={Uri.EscapeDataString(query)}&mode={mode}"))!["hits"]!.AsArray().Select(h => (string)h!["id"]!).ToList();

    [Fact]
    public async Task Synonyms_change_results_without_a_reindex_and_survive_a_restart()
    {
        using var briefs = BriefFolder.WithFixtures("IF11783v7-biometric-technologies-and-global-security.md", "gao-26-107759.md", "navigating-ai-sovereignty.md");
        var index = Path.Combine(Path.GetTempPath(), $"searchservice-synonyms-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?> { ["SearchService:IndexPath"] = index };
        const string biometrics = "if11783v7-biometric-technologies-and-global-security";
        try
        {
            await using (var app = SearchApp.With(briefs.Path, settings))
            {
                var reader = app.CreateClient();
                var admin = app.CreateAdminClient();
                var generation = File.ReadAllText(Path.Combine(index, "current"));
                Assert.Empty(await Ids(reader, "FRT", "keyword"));
                Assert.Empty(await Ids(reader, "FRT", "keyword")); // now answered from the result cache

                var put = await admin.PutAsJsonAsync(Synonyms, new
                {
                    groups = new[] { new[] { "FRT", "facial recognition" } },
                    rules = new[] { new { from = "qubit machine", to = new[] { "quantum computer" } } },
                });
                Assert.Equal(HttpStatusCode.OK, put.StatusCode);

                Assert.Equal([biometrics], await Ids(reader, "FRT", "keyword")); // the cached answer of the old synonyms is not served
                Assert.Equal(biometrics, (await Ids(reader, "FRT", "hybrid"))[0]); // the keyword side of hybrid
                Assert.Equal("gao-26-107759", (await Ids(reader, "qubit machine", "keyword"))[0]);
                Assert.Equal(generation, File.ReadAllText(Path.Combine(index, "current"))); // no reindex
            }

            await using (var restarted = SearchApp.With(briefs.Path, settings))
            {
                var listed = (await restarted.CreateAdminClient().GetFromJsonAsync<JsonObject>(Synonyms))!;
                Assert.Equal("FRT", (string)listed["groups"]![0]![0]!);
                Assert.Equal("quantum computer", (string)listed["rules"]![0]!["to"]![0]!);
                Assert.Equal([biometrics], await Ids(restarted.CreateClient(), "FRT", "keyword"));

                // Removing them all: FRT finds nothing again.
                Assert.Equal(HttpStatusCode.OK, (await restarted.CreateAdminClient().PutAsJsonAsync(Synonyms, new { })).StatusCode);
                Assert.Empty(await Ids(restarted.CreateClient(), "FRT", "keyword"));
            }
        }
        finally
        {
            try { Directory.Delete(index, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
        }
    }

    [Fact]
    public async Task Synonyms_need_the_api_key_and_wrong_ones_are_refused_saying_why()
    {
        using var briefs = BriefFolder.WithFixtures("gao-26-107759.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?> { ["SearchService:Semantic:Enabled"] = "false" });
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Synonyms)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(Synonyms, new { groups = new[] { new[] { "a1", "b1" } } })).StatusCode);

        var admin = app.CreateAdminClient();
        var bad = await admin.PutAsJsonAsync(Synonyms, new { groups = new[] { new[] { "AI", "A.I." } }, rules = new[] { new { from = "LLM", to = new[] { "the" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("rules[0].to[0] (\"the\") has only stop words", (string)(await bad.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
        var listed = (await admin.GetFromJsonAsync<JsonObject>(Synonyms))!;
        Assert.Empty(listed["groups"]!.AsArray()); // nothing of a refused change is kept
        Assert.Null(listed["updatedAt"]);
    }
}
