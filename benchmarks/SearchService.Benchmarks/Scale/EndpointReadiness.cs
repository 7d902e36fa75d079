using System.Net;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// Waits until a starting service answers 200 on every endpoint, polling each in turn, and tells how long that took
/// from the process start. A service that exits, or does not serve in time, is a failure with the reason.
/// </summary>
public static class EndpointReadiness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long an endpoint may keep answering an error once the service listens before that is its answer.</summary>
    private static readonly TimeSpan ErrorPatience = TimeSpan.FromSeconds(60);

    public static async Task<TimeSpan> WaitUntilServingAsync(ServiceProcess service, HttpClient http, IReadOnlyList<string> paths, TimeSpan timeout)
    {
        foreach (var path in paths)
        {
            DateTime? firstError = null;
            while (true)
            {
                if (service.HasExited) throw new InvalidOperationException($"the service exited before {path} answered 200 ({service.ExitDescription()})");
                if (service.SinceStart.Elapsed > timeout) throw new TimeoutException($"{path} did not answer 200 within {timeout.TotalMinutes:F0} min of the start");
                HttpStatusCode? status = null;
                string? body = null;
                try
                {
                    using var response = await http.GetAsync(path);
                    if (response.StatusCode == HttpStatusCode.OK) break;
                    status = response.StatusCode;
                    body = await response.Content.ReadAsStringAsync();
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or listening while it opens (or builds) its index: requests other than the
                    // probes wait for the index, and a long first build outlasts one request's time limit.
                }
                if (status is { } error)
                {
                    firstError ??= DateTime.UtcNow;
                    if (DateTime.UtcNow - firstError > ErrorPatience)
                        throw new InvalidOperationException($"{path} kept answering {(int)error}: {body?[..Math.Min(body.Length, 300)]}");
                }
                await Task.Delay(PollInterval);
            }
        }
        return service.SinceStart.Elapsed;
    }
}
