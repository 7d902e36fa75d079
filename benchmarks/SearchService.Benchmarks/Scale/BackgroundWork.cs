using System.Text.Json.Nodes;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// Waits until a serving service has finished what it does in the background after a first build (embedding the
/// briefs indexed as text, computing related lists), as <c>/health</c> reports it, and tells how long that took
/// from the process start.
/// </summary>
public static class BackgroundWork
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<TimeSpan> WaitUntilDoneAsync(ServiceProcess service, HttpClient http, TimeSpan timeout)
    {
        while (true)
        {
            if (service.HasExited) throw new InvalidOperationException($"the service exited before its background work was done ({service.ExitDescription()})");
            if (service.SinceStart.Elapsed > timeout) throw new TimeoutException($"background work not done within {timeout.TotalMinutes:F0} min of the start");
            var health = JsonNode.Parse(await http.GetStringAsync("/health"))!;
            var embedding = health["embedding"];
            var related = health["related"];
            var embedded = embedding is null || !(bool)embedding["running"]! && (int)embedding["pending"]! == 0;
            var listed = related is null || (bool)related["checked"]! && (int)related["pending"]! == 0;
            if (embedded && listed) return service.SinceStart.Elapsed;
            await Task.Delay(PollInterval);
        }
    }
}
