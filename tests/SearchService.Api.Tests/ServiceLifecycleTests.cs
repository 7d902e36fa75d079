using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>
/// The service as a process from start to stop. SIGTERM while an upload is in flight: the service stops taking
/// connections, finishes the upload (its response arrives, 201), closes the index and exits cleanly; restarted on the
/// same index, it holds that upload and everything written before. An index that cannot be opened stops it with an error.
/// </summary>
public sealed class ServiceLifecycleTests : IDisposable
{
    private const string ApiKey = "shutdown-test-key-0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-shutdown-").FullName;

    private Dictionary<string, string> Settings => new()
    {
        ["SearchService:IndexPath"] = Path.Combine(_folder, "index"),
        ["SearchService:BriefsPath"] = SearchApp.FixtureBriefs,
        // Keyword only: the test is about writes and shutdown, and starts in seconds without loading a model.
        ["SearchService:Semantic:Enabled"] = "false",
        ["SearchService:ApiKeys:0"] = ApiKey,
        ["SearchService:Limits:RequestsPerWindow"] = "0",
        ["SearchService:Limits:WritesPerWindow"] = "0",
    };

    private static string Format(string fileName) => Path.Combine(AppContext.BaseDirectory, "fixtures", "formats", fileName);

    /// <summary>A request body sent in two halves: the second only once <see cref="Release"/> is called.</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBody(byte[] bytes, MediaTypeHeaderValue contentType)
        {
            _bytes = bytes;
            Headers.ContentType = contentType;
        }

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }

    private static HttpClient AdminClient(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    [Fact]
    public async Task Sigterm_during_an_upload_finishes_it_and_a_restart_on_the_same_index_holds_it()
    {
        string earlierId, inFlightId;
        int briefsBefore;
        using (var service = ServiceProcess.Start(Settings))
        {
            briefsBefore = (int)(await service.HealthWhen(_ => true))["briefs"]!;
            using var admin = AdminClient(service.Address);
            var earlier = await admin.PostAsync("/api/briefs", SearchApp.Upload(await File.ReadAllBytesAsync(Format("IF12155.pdf")), "IF12155.pdf"));
            Assert.True(earlier.StatusCode == HttpStatusCode.Created, $"{earlier.StatusCode}: {await earlier.Content.ReadAsStringAsync()}");
            earlierId = (string)JsonNode.Parse(await earlier.Content.ReadAsStringAsync())!["id"]!;

            var form = SearchApp.Upload(await File.ReadAllBytesAsync(Format("IF12024v6-farm-bill-primer-conservation-title.md")), "IF12024v6-farm-bill-primer-conservation-title.md");
            var body = new HeldBody(await form.ReadAsByteArrayAsync(), form.Headers.ContentType!);
            var upload = admin.PostAsync("/api/briefs", body);
            // The service has the upload in hand (half its body read) before it is told to stop.
            await WhenActive(service, "POST");

            service.Terminate();
            body.Release();
            var response = await upload;
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{service.Output}");
            inFlightId = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
            Assert.Equal(0, await service.Exited());
            Assert.Contains("Application is shutting down", service.Output);
        }

        using var restarted = ServiceProcess.Start(Settings);
        var health = await restarted.HealthWhen(_ => true);
        Assert.Equal(briefsBefore + 2, (int)health["briefs"]!);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Client.GetAsync($"/api/briefs/{inFlightId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Client.GetAsync($"/api/briefs/{earlierId}")).StatusCode);
        var search = JsonNode.Parse(await restarted.Client.GetStringAsync("/api/search?q=conservation+reserve+program&mode=keyword"))!;
        Assert.Contains(inFlightId, search["hits"]!.AsArray().Select(h => (string)h!["id"]!));
    }

    [Fact]
    public async Task A_damaged_index_stops_the_service_with_an_error_that_says_so()
    {
        using (var first = ServiceProcess.Start(Settings))
        {
            await first.HealthWhen(_ => true);
            first.Terminate();
            Assert.Equal(0, await first.Exited());
        }
        // Every segment file cut to nothing, as a failing disk might leave them.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_folder, "index"), "_*", SearchOption.AllDirectories)) await File.WriteAllBytesAsync(file, []);

        using var second = ServiceProcess.Start(Settings);
        Assert.Equal(1, await second.Exited());
        Assert.Contains("The index could not be opened", second.Output);
    }

    /// <summary>Waits until <c>/metrics</c> shows a request of <paramref name="method"/> being handled.</summary>
    private static async Task WhenActive(ServiceProcess service, string method)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var metrics = PrometheusText.Parse(await service.Client.GetStringAsync("/metrics", guard.Token));
            if (metrics.Find("http_server_active_requests", ("http_request_method", method)).Sum(s => s.Value) >= 1) return;
            await Task.Delay(20, guard.Token);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}
