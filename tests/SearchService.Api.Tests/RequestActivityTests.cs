using SearchService.Api.Hosting;

namespace SearchService.Api.Tests;

public sealed class RequestActivityTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; } = 1_000_000;
        public override long GetTimestamp() => Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    [Fact]
    public void The_service_counts_as_serving_for_a_second_after_a_request()
    {
        var clock = new ManualClock();
        var activity = new RequestActivity(clock);
        Assert.False(activity.Serving);

        activity.Started();
        activity.Finished();
        clock.Ticks += TimeSpan.FromMilliseconds(900).Ticks;
        Assert.True(activity.Serving);

        clock.Ticks += TimeSpan.FromMilliseconds(200).Ticks;
        Assert.False(activity.Serving);
    }

    [Fact]
    public void Busy_time_counts_how_long_any_request_was_in_flight_overlaps_once()
    {
        var clock = new ManualClock();
        var activity = new RequestActivity(clock);
        Assert.Equal(TimeSpan.Zero, activity.Busy);

        activity.Started();                                   // t = 0: one in flight
        clock.Ticks += TimeSpan.FromMilliseconds(10).Ticks;
        activity.Started();                                   // t = 10: two
        clock.Ticks += TimeSpan.FromMilliseconds(10).Ticks;
        activity.Finished();                                  // t = 20: one
        Assert.Equal(TimeSpan.FromMilliseconds(20), activity.Busy); // the stretch in progress counts
        clock.Ticks += TimeSpan.FromMilliseconds(5).Ticks;
        activity.Finished();                                  // t = 25: none
        clock.Ticks += TimeSpan.FromMilliseconds(100).Ticks;  // idle: not busy
        Assert.Equal(TimeSpan.FromMilliseconds(25), activity.Busy);

        activity.Started();
        clock.Ticks += TimeSpan.FromMilliseconds(3).Ticks;
        activity.Finished();
        Assert.Equal(TimeSpan.FromMilliseconds(28), activity.Busy);
    }
}
