namespace SearchService.Core.Related;

/// <summary>
/// Paces one background thread by the requests' load: after a stretch of work it rests in proportion to how long
/// requests were in flight meanwhile, so that under steady load it works <c>shareUnderLoad</c> of its time and with no
/// requests it never rests. Running at the lowest scheduling priority was not enough: background work still slowed
/// the requests it ran beside, with which it shares caches and memory bandwidth (docs/scaling.md).
/// </summary>
internal sealed class LoadPacing
{
    /// <summary>How often a rest looks whether requests still come.</summary>
    public static readonly TimeSpan RestStep = TimeSpan.FromMilliseconds(250);

    private readonly IRequestLoad? _load;
    private readonly double _shareUnderLoad;
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan, bool> _wait;
    private long _workStarted;
    private TimeSpan _busyBefore;

    /// <param name="load">The requests' load; null: never rests.</param>
    /// <param name="shareUnderLoad">The share of its time the work keeps under steady load.</param>
    /// <param name="stopping">Ends a rest when the work stops.</param>
    /// <param name="clock">Measures the stretches (the system's by default).</param>
    /// <param name="wait">Waits up to a time and says whether the work was stopped meanwhile (by default, on <paramref name="stopping"/>).</param>
    public LoadPacing(IRequestLoad? load, double shareUnderLoad, CancellationToken stopping, TimeProvider? clock = null, Func<TimeSpan, bool>? wait = null)
    {
        CheckShare(shareUnderLoad);
        _load = load;
        _shareUnderLoad = shareUnderLoad;
        _clock = clock ?? TimeProvider.System;
        _wait = wait ?? stopping.WaitHandle.WaitOne;
        Begin();
    }

    /// <summary>Throws unless <paramref name="shareUnderLoad"/> is above 0 and at most 1.</summary>
    public static void CheckShare(double shareUnderLoad)
    {
        if (shareUnderLoad is not (> 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(shareUnderLoad), shareUnderLoad, "The share of time working under load is above 0 and at most 1.");
    }

    /// <summary>A stretch of work begins (time spent waiting for work before it is not counted).</summary>
    public void Begin()
    {
        _workStarted = _clock.GetTimestamp();
        _busyBefore = _load?.Busy ?? TimeSpan.Zero;
    }

    /// <summary>
    /// Ends the stretch: rests as the load during it asks, then begins the next. A rest ends early when requests stop
    /// coming (the cores are the work's again) or the work is stopped.
    /// </summary>
    public void Rest()
    {
        if (_load is not null && _shareUnderLoad < 1)
        {
            var rest = RestAfter(_clock.GetElapsedTime(_workStarted), _load.Busy - _busyBefore, _shareUnderLoad);
            var resting = _clock.GetTimestamp();
            for (var left = rest; left > TimeSpan.Zero && _load.Serving; left = rest - _clock.GetElapsedTime(resting))
            {
                if (_wait(left < RestStep ? left : RestStep)) break;
            }
        }
        Begin();
    }

    /// <summary>The rest after working for <paramref name="worked"/> while requests were in flight for <paramref name="busy"/>.</summary>
    public static TimeSpan RestAfter(TimeSpan worked, TimeSpan busy, double shareUnderLoad)
    {
        var loaded = worked <= TimeSpan.Zero ? 0 : Math.Clamp(busy / worked, 0, 1);
        return TimeSpan.FromTicks((long)(worked.Ticks * loaded * (1 - shareUnderLoad) / shareUnderLoad));
    }
}
