using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace SearchService.Benchmarks.Scale;

/// <summary>Starts a reindex through the admin API and polls its status until it succeeds; returns the seconds it took.</summary>
public sealed class ReindexProbe(HttpClient http, string apiKey)
{
    private const string StatusPath = "/api/admin/reindex";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<double> MeasureAsync(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        using (var start = await SendAsync(HttpMethod.Post))
        {
            if (start.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"POST {StatusPath} answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        }
        while (true)
        {
            await Task.Delay(PollInterval);
            using var response = await SendAsync(HttpMethod.Get);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {StatusPath} answered {(int)response.StatusCode}: {body}");
            var status = JsonDocument.Parse(body).RootElement;
            switch (status.GetProperty("state").GetString())
            {
                case "Succeeded":
                    return stopwatch.Elapsed.TotalSeconds;
                case "Failed" or "Cancelled":
                    throw new InvalidOperationException($"the reindex ended {status.GetProperty("state").GetString()}: {status.GetProperty("error")}");
            }
            if (stopwatch.Elapsed > timeout)
                throw new TimeoutException($"the reindex had not finished after {timeout.TotalMinutes:F0} min ({status.GetProperty("processed")} of {status.GetProperty("total")} briefs)");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method)
    {
        using var request = new HttpRequestMessage(method, StatusPath);
        request.Headers.Add("X-Api-Key", apiKey);
        return await http.SendAsync(request);
    }
}
