namespace SearchService.Api.Hosting;

/// <summary>
/// When the service last answered a request, so background work (a first fill of related lists) can leave the cores
/// to readers while they are there. One timestamp written per request: no lock, no allocation.
/// </summary>
public sealed class RequestActivity(TimeProvider clock)
{
    /// <summary>Requests within this long count as the service being in use.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromSeconds(1);

    private long _lastRequest = long.MinValue;

    public void Seen() => Volatile.Write(ref _lastRequest, clock.GetTimestamp());

    /// <summary>Whether a request arrived within <see cref="Recent"/>.</summary>
    public bool Serving()
    {
        var last = Volatile.Read(ref _lastRequest);
        return last != long.MinValue && clock.GetElapsedTime(last) < Recent;
    }
}
