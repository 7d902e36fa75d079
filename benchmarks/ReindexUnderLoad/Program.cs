using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// Measures a running service while it reindexes: a few clients search in a loop before, during and after
// POST /api/admin/reindex, and the requests, errors and latency of each phase are printed.
// Usage: dotnet run -c Release --project benchmarks/ReindexUnderLoad -- <base-url> <api-key> [clients] [seconds-before-and-after]
// Point it only at a service on this machine; it stops by itself.

var baseUrl = args.ElementAtOrDefault(0) ?? "http://localhost:5080";
var apiKey = args.ElementAtOrDefault(1) ?? Environment.GetEnvironmentVariable("SEARCHSERVICE_API_KEY")
             ?? throw new ArgumentException("Pass the service's API key as the second argument (or SEARCHSERVICE_API_KEY).");
var clients = int.Parse(args.ElementAtOrDefault(2) ?? "4", CultureInfo.InvariantCulture);
var quietSeconds = int.Parse(args.ElementAtOrDefault(3) ?? "5", CultureInfo.InvariantCulture);
var maxRun = TimeSpan.FromMinutes(10);

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
var ids = (await http.GetFromJsonAsync<JsonObject>("/api/briefs?size=100"))!["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray();
string[] queries = ["quantum", "AI sovereignty", "federal programs inventory", "\"national strategy\"", "refugee -ukraine", "biometric OR election", "workforce", "oversight recommendations"];
var urls = queries.Select(q => $"/api/search?q={Uri.EscapeDataString(q)}&size=10")
    .Concat(ids.Take(10).Select(id => $"/api/briefs/{id}/related?k=5"))
    .Concat(ids.Take(5).Select(id => $"/api/briefs/{id}"))
    .ToArray();

var phase = "before";
var samples = new List<(string Phase, double Ms, bool Ok)>();
using var stop = new CancellationTokenSource(maxRun);
var load = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
{
    for (var i = client; !stop.IsCancellationRequested; i++)
    {
        var current = Volatile.Read(ref phase);
        var watch = Stopwatch.StartNew();
        bool ok;
        try
        {
            using var response = await http.GetAsync(urls[i % urls.Length], stop.Token);
            await response.Content.ReadAsByteArrayAsync(stop.Token);
            ok = response.IsSuccessStatusCode;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            break;
        }
        catch (HttpRequestException)
        {
            ok = false;
        }
        lock (samples) samples.Add((current, watch.Elapsed.TotalMilliseconds, ok));
    }
})).ToArray();

await Task.Delay(TimeSpan.FromSeconds(quietSeconds));
using var start = new HttpRequestMessage(HttpMethod.Post, "/api/admin/reindex") { Headers = { { "X-Api-Key", apiKey } } };
var started = await http.SendAsync(start);
if ((int)started.StatusCode != 202) throw new InvalidOperationException($"POST /api/admin/reindex answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
Volatile.Write(ref phase, "during");
var rebuild = Stopwatch.StartNew();
JsonObject status;
while (true)
{
    using var poll = new HttpRequestMessage(HttpMethod.Get, "/api/admin/reindex") { Headers = { { "X-Api-Key", apiKey } } };
    status = (await (await http.SendAsync(poll)).Content.ReadFromJsonAsync<JsonObject>())!;
    if ((string?)status["state"] != "Running") break;
    await Task.Delay(100);
}
rebuild.Stop();
Volatile.Write(ref phase, "after");
await Task.Delay(TimeSpan.FromSeconds(quietSeconds));
await stop.CancelAsync();
await Task.WhenAll(load);

Console.WriteLine($"reindex: {status["state"]}, generation {status["generation"]}, {status["indexed"]} briefs, {rebuild.Elapsed.TotalSeconds:F1} s; {clients} clients, {urls.Length} distinct URLs");
Console.WriteLine($"{"phase",-8} {"requests",9} {"errors",7} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
foreach (var name in new[] { "before", "during", "after" })
{
    var inPhase = samples.Where(s => s.Phase == name).ToList();
    if (inPhase.Count == 0) continue;
    var sorted = inPhase.Select(s => s.Ms).Order().ToArray();
    var seconds = name == "during" ? rebuild.Elapsed.TotalSeconds : quietSeconds;
    Console.WriteLine($"{name,-8} {inPhase.Count,9} {inPhase.Count(s => !s.Ok),7} {inPhase.Count / seconds,8:F0} {Percentile(sorted, 0.50),8:F1} {Percentile(sorted, 0.99),8:F1} {sorted[^1],8:F1}");
}

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
