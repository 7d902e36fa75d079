using SearchService.Core.Related;

namespace SearchService.Core.Tests.Related;

/// <summary>Background work rests in proportion to how long requests were in flight while it worked.</summary>
public sealed class LoadPacingTests
{
    private static readonly TimeSpan Worked = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Without_requests_work_never_rests()
    {
        Assert.Equal(TimeSpan.Zero, LoadPacing.RestAfter(Worked, TimeSpan.Zero, shareUnderLoad: 0.1));
    }

    [Fact]
    public void Under_steady_load_work_takes_its_share_of_the_time()
    {
        var rest = LoadPacing.RestAfter(Worked, busy: Worked, shareUnderLoad: 0.1);
        Assert.Equal(0.1, Worked / (Worked + rest), precision: 6);
    }

    [Fact]
    public void Requests_in_flight_half_the_time_ask_for_half_the_rest()
    {
        var full = LoadPacing.RestAfter(Worked, busy: Worked, shareUnderLoad: 0.25);
        Assert.Equal(full / 2, LoadPacing.RestAfter(Worked, busy: Worked / 2, shareUnderLoad: 0.25));
        Assert.Equal(TimeSpan.Zero, LoadPacing.RestAfter(Worked, busy: Worked, shareUnderLoad: 1));
    }

    [Fact]
    public void Under_steady_load_a_stretch_is_followed_by_its_whole_rest()
    {
        var (pacing, load, clock, waits) = Paced(servingFor: int.MaxValue);
        clock.Ticks += TimeSpan.FromSeconds(1).Ticks;          // one second of work, requests in flight all along
        load.Busy = TimeSpan.FromSeconds(1);
        pacing.Rest();
        Assert.Equal(TimeSpan.FromSeconds(9), waits.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait));
        Assert.All(waits, wait => Assert.True(wait <= LoadPacing.RestStep));
    }

    [Fact]
    public void A_rest_ends_as_soon_as_requests_stop_coming()
    {
        var (pacing, load, clock, waits) = Paced(servingFor: 2);
        clock.Ticks += TimeSpan.FromSeconds(1).Ticks;
        load.Busy = TimeSpan.FromSeconds(1);
        pacing.Rest();
        Assert.Equal(2, waits.Count);                          // then no request came within the last moments
    }

    /// <summary>A pacing at a tenth under load, on a clock that only its waits move; requests come for the first <paramref name="servingFor"/> looks.</summary>
    private static (LoadPacing, Load, ManualClock, List<TimeSpan>) Paced(int servingFor)
    {
        var clock = new ManualClock();
        var load = new Load(servingFor);
        var waits = new List<TimeSpan>();
        var pacing = new LoadPacing(load, shareUnderLoad: 0.1, CancellationToken.None, clock, wait =>
        {
            waits.Add(wait);
            clock.Ticks += wait.Ticks;
            return false;
        });
        return (pacing, load, clock, waits);
    }

    private sealed class Load(int servingFor) : IRequestLoad
    {
        private int _looks;
        public bool Serving => _looks++ < servingFor;
        public TimeSpan Busy { get; set; }
    }

    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; } = 1_000_000;
        public override long GetTimestamp() => Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_share_outside_zero_to_one_is_refused(double share)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadPacing.CheckShare(share));
    }
}
