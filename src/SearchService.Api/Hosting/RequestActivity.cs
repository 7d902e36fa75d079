using SearchService.Core.Related;

namespace SearchService.Api.Hosting;

/// <summary>
/// When the service last answered a request and how long requests have kept it busy, so background work (a first
/// fill of related lists) can leave the cores to readers while they are there. A few atomic operations per request:
/// no lock, no allocation.
/// </summary>
public sealed class RequestActivity(TimeProvider clock) : IRequestLoad
{
    /// <summary>Requests within this long count as the service being in use.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromSeconds(1);

    private long _lastRequest = long.MinValue;
    private int _inFlight;
    private long _busySince;
    private long _busyTimestamps;

    /// <summary>A request arrived; call <see cref="Finished"/> when it is answered.</summary>
    public void Started()
    {
        var now = clock.GetTimestamp();
        Volatile.Write(ref _lastRequest, now);
        if (Interlocked.Increment(ref _inFlight) == 1) Volatile.Write(ref _busySince, now);
    }

    public void Finished()
    {
        var since = Volatile.Read(ref _busySince);
        // The last request in flight ends a busy stretch. (A request starting at this instant may move the stretch's
        // start first: the busy time is then counted a little short, which background pacing tolerates.)
        if (Interlocked.Decrement(ref _inFlight) == 0) Interlocked.Add(ref _busyTimestamps, clock.GetTimestamp() - since);
    }

    /// <summary>Whether a request arrived within <see cref="Recent"/>.</summary>
    public bool Serving
    {
        get
        {
            var last = Volatile.Read(ref _lastRequest);
            return last != long.MinValue && clock.GetElapsedTime(last) < Recent;
        }
    }

    /// <summary>How long at least one request has been in flight since the service started, the current stretch included.</summary>
    public TimeSpan Busy
    {
        get
        {
            var finished = Interlocked.Read(ref _busyTimestamps);
            var current = Volatile.Read(ref _inFlight) > 0 ? clock.GetTimestamp() - Volatile.Read(ref _busySince) : 0;
            return clock.GetElapsedTime(0, finished + Math.Max(0, current));
        }
    }
}
