using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace SearchService.Cli.Tests;

/// <summary><c>searchservice serve</c> passes <c>--no-embeddings</c> and <c>--encoder</c> on to the service it runs.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-serve-").FullName;

    [Fact]
    public async Task Serve_with_no_embeddings_answers_keyword_searches_and_refuses_semantic_ones()
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        using var serve = Start("serve", "--no-embeddings", "--urls", address, "--index", Path.Combine(_folder, "index"));
        await serve.NextLine(line => line.Contains("Now listening on", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };

        var keyword = await http.GetFromJsonAsync<JsonObject>("/api/search?q=AI+sovereignty");
        Assert.Equal("navigating-ai-sovereignty", (string?)keyword!["hits"]![0]!["id"]);
        var semantic = await http.GetAsync("/api/search?q=AI+sovereignty&mode=semantic");
        Assert.Equal(HttpStatusCode.BadRequest, semantic.StatusCode);
        Assert.Contains("mode must be one of: keyword", await semantic.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Serve_with_an_unknown_encoder_stops_and_names_the_encoders_it_knows()
    {
        using var serve = Start("serve", "--encoder", "no-such-encoder", "--urls", $"http://127.0.0.1:{FreePort()}", "--index", Path.Combine(_folder, "index"));

        Assert.NotEqual(0, await serve.WaitForExitAsync());
        Assert.Contains("SearchService:Semantic:Encoder must be one of", serve.Output);
    }

    /// <summary>The service over the fixture briefs, its caches in this test's folder.</summary>
    private RunningCli Start(params string[] args)
    {
        var start = CliRunner.StartInfo(args);
        start.Environment["SearchService__BriefsPath"] = CliRunner.FixtureBriefs;
        start.Environment["SearchService__Semantic__CachePath"] = Path.Combine(_folder, "embedding-cache");
        return RunningCli.Start(start);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a file still open on a slow disk; the OS cleans temp */ }
    }
}
