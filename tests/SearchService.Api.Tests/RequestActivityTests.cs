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
        Assert.False(activity.Serving());

        activity.Seen();
        clock.Ticks += TimeSpan.FromMilliseconds(900).Ticks;
        Assert.True(activity.Serving());

        clock.Ticks += TimeSpan.FromMilliseconds(200).Ticks;
        Assert.False(activity.Serving());
    }
}
