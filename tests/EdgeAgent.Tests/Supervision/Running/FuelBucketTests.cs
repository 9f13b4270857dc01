using EdgeWasm.EdgeAgent.Supervision.Running;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Supervision.Running;

/// <summary>The token bucket against a fake clock: the guest's consumption is simulated by draining what it was given.</summary>
public sealed class FuelBucketTests
{
    private const long Rate = 1_000_000;

    [Fact]
    public void AFreshBucket_HoldsTheBurst()
    {
        Assert.Equal(2ul * Rate, new FuelBucket(Rate, TimeSpan.FromSeconds(2), new FakeTimeProvider()).Capacity);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    [InlineData(1.0)]
    public void AGuestAtOrBelowItsShare_NeverRunsOut(double share)
    {
        var (exhaustedAfter, _) = Burn(share, TimeSpan.FromMinutes(10));

        Assert.Null(exhaustedAfter);
    }

    [Theory]
    [InlineData(10.0, 0.22)]
    [InlineData(2.0, 2.0)]
    [InlineData(1.5, 4.0)]
    public void AGuestOverItsShare_RunsOutAfterAboutBurstOverExcess(double share, double expectedSeconds)
    {
        // A token bucket of depth B drained at c while filled at r empties after B / (c - r); here B = 2 s × r.
        var (exhaustedAfter, _) = Burn(share, TimeSpan.FromMinutes(10));

        Assert.NotNull(exhaustedAfter);
        Assert.InRange(exhaustedAfter.Value.TotalSeconds, expectedSeconds * 0.9, expectedSeconds * 1.1);
    }

    [Fact]
    public void ASleepingGuest_FindsTheBucketFullAgain_ButNeverFuller()
    {
        var clock = new FakeTimeProvider();
        var bucket = new FuelBucket(Rate, TimeSpan.FromSeconds(2), clock);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(bucket.Capacity, bucket.Refill(null!));
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal((ulong)(Rate / 2), bucket.Refill(null!));
        clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(0ul, bucket.Refill(null!));
    }

    // Simulates a guest that burns fuel at share × rate: each grant lasts grant / (share × rate) seconds.
    private static (TimeSpan? ExhaustedAfter, int Refills) Burn(double share, TimeSpan limit)
    {
        var clock = new FakeTimeProvider();
        var bucket = new FuelBucket(Rate, TimeSpan.FromSeconds(2), clock);
        var elapsed = TimeSpan.Zero;
        var grant = bucket.Capacity;
        while (elapsed < limit)
        {
            var lasts = TimeSpan.FromSeconds(grant / (share * Rate));
            clock.Advance(lasts);
            elapsed += lasts;
            grant = bucket.Refill(null!);
            if (grant == 0) return (elapsed, bucket.Refills);
        }

        return (null, bucket.Refills);
    }
}
