using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>
/// The probes over HTTP on a running service: <c>/health/live</c> answers, <c>/health/ready</c> becomes "Healthy"
/// once background work is done, and <c>/health</c> keeps its shape. The states a running test service passes
/// through too quickly to catch (opening, catching up, stopping) are in <see cref="ReadinessCheckTests"/>.
/// </summary>
public sealed class HealthProbeTests(SearchApp app) : IClassFixture<SearchApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Live_answers_healthy_without_checks()
    {
        var response = await _client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Empty(body["checks"]!.AsArray());
    }

    [Fact]
    public async Task Ready_is_healthy_once_the_index_is_open_and_related_lists_are_computed()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        HttpResponseMessage response;
        JsonObject body;
        do
        {
            response = await _client.GetAsync("/health/ready", guard.Token);
            body = (await response.Content.ReadFromJsonAsync<JsonObject>(guard.Token))!;
            if ((string?)body["status"] == "Degraded") await Task.Delay(50, guard.Token);
        }
        while ((string?)body["status"] == "Degraded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (string?)body["status"]);
        var checks = body["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!);
        Assert.Equal(["background", "index"], checks.Keys.Order());
        Assert.StartsWith("Index generation ", (string?)checks["index"]["description"]);
        Assert.Equal("Healthy", (string?)checks["background"]["status"]);
    }

    [Fact]
    public async Task Health_keeps_its_shape()
    {
        var health = (await _client.GetFromJsonAsync<JsonObject>("/health"))!;
        Assert.Equal(["status", "briefs", "related", "embedding", "boilerplate", "merging"], health.Select(p => p.Key));
        Assert.Equal(["checked", "pending", "computedSinceStart"], health["related"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["running", "pending", "done", "passagesEncoded", "passagesFromCache"], health["embedding"]!.AsObject().Select(p => p.Key));
        Assert.Equal("ok", (string?)health["status"]);
        Assert.Equal(5, (int)health["briefs"]!);
    }
}
