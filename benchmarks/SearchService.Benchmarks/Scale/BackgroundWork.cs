using System.Globalization;
using System.Text.Json.Nodes;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// Waits until a serving service has finished what it does in the background after a first build (embedding the
/// briefs indexed as text, merging the index, then computing related lists), as <c>/health</c> reports it, and tells how long that took
/// from the process start. Related lists are watched for a bounded time only: when they are not all done by then,
/// the outcome says how many were and at what rate.
/// </summary>
public static class BackgroundWork
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<BackgroundOutcome> WaitUntilDoneAsync(ServiceProcess service, HttpClient http, TimeSpan timeout, TimeSpan listsWait)
    {
        TimeSpan? embeddedAt = null;
        var listsAtEmbedded = 0L;
        while (true)
        {
            if (service.HasExited) throw new InvalidOperationException($"the service exited before its background work was done ({service.ExitDescription()})");
            if (service.SinceStart.Elapsed > timeout) throw new TimeoutException($"background work not done within {timeout.TotalMinutes:F0} min of the start");
            var health = JsonNode.Parse(await http.GetStringAsync("/health"))!;
            var embedding = health["embedding"];
            var related = health["related"];
            // The merge into one segment after embedding comes before the lists: their wait starts when it ends.
            var embedded = (embedding is null || !(bool)embedding["running"]! && (int)embedding["pending"]! == 0) && health["merging"]?.GetValue<bool>() != true;
            var pending = related is null ? 0 : (bool)related["checked"]! ? (int)related["pending"]! : int.MaxValue;
            var computed = related is null ? 0 : (long)related["computedSinceStart"]!;
            if (embedded && pending == 0) return new BackgroundOutcome(service.SinceStart.Elapsed, embeddedAt ?? service.SinceStart.Elapsed, 0, 0);
            if (embedded && embeddedAt is null)
            {
                embeddedAt = service.SinceStart.Elapsed;
                listsAtEmbedded = computed;
            }
            if (embeddedAt is { } since && service.SinceStart.Elapsed - since > listsWait)
            {
                var rate = (computed - listsAtEmbedded) / (service.SinceStart.Elapsed - since).TotalSeconds;
                return new BackgroundOutcome(null, since, pending, rate);
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Waits while <c>/health</c> reports the index merging (at most <paramref name="timeout"/> more); returns how long
    /// it waited (zero when it was not merging).
    /// </summary>
    public static async Task<TimeSpan> WaitWhileMergingAsync(ServiceProcess service, HttpClient http, TimeSpan timeout)
    {
        var waited = await WaitWhileAsync(service, http, timeout, PollInterval, health => health["merging"]?.GetValue<bool>() == true, "the index was still merging");
        return waited < PollInterval ? TimeSpan.Zero : waited;
    }

    /// <summary>
    /// Waits until the related worker has compared the stored lists with the index (<c>related.checked</c> in /health),
    /// work every start does once, beside the first requests; returns how long that took from the call.
    /// </summary>
    public static Task<TimeSpan> WaitUntilListsCheckedAsync(ServiceProcess service, HttpClient http, TimeSpan timeout) =>
        WaitWhileAsync(service, http, timeout, TimeSpan.FromMilliseconds(200), health => health["related"]?["checked"]?.GetValue<bool>() != true,
            "the related lists were still being checked against the index");

    /// <summary>Polls <c>/health</c> while <paramref name="waiting"/> holds (and the service runs); how long that was.</summary>
    private static async Task<TimeSpan> WaitWhileAsync(ServiceProcess service, HttpClient http, TimeSpan timeout, TimeSpan poll, Func<JsonNode, bool> waiting, string stillWhat)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!service.HasExited && waiting(JsonNode.Parse(await http.GetStringAsync("/health"))!))
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"{stillWhat} {timeout.TotalMinutes:F0} min later");
            await Task.Delay(poll);
        }
        return waited.Elapsed;
    }
}

/// <summary>
/// When the background work ended (null when related lists were still pending at the end of the wait), when
/// embedding was done, and the lists still pending then with the rate they were being computed at (lists per second).
/// </summary>
public sealed record BackgroundOutcome(TimeSpan? Done, TimeSpan EmbeddingDone, int ListsPending, double ListsPerSecond)
{
    public string Cell => Done is { } done
        ? done.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture,
            $"embedding done at {EmbeddingDone.TotalSeconds:F0} s; related lists {ListsPending:N0} pending after the wait, {ListsPerSecond:F1} lists/s ({Remaining})");

    private string Remaining => ListsPerSecond > 0
        ? string.Create(CultureInfo.InvariantCulture, $"the rest in ~{ListsPending / ListsPerSecond / 60:F0} min at that rate")
        : "no progress";
}
