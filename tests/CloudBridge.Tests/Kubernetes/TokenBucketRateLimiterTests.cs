using EdgeWasm.CloudBridge.Kubernetes.Flow;
using EdgeWasm.TestSupport;

namespace EdgeWasm.CloudBridge.Tests.Kubernetes;

public sealed class TokenBucketRateLimiterTests
{
    [Fact]
    public void ABurst_IsAvailableAtOnce_ThenTokensRefillAtQps()
    {
        var time = new FakeTimeProvider();
        var limiter = new TokenBucketRateLimiter(qps: 5, burst: 10, time);

        Assert.Equal(10, Enumerable.Range(0, 20).Count(_ => limiter.TryAcquire()));
        time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(limiter.TryAcquire());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.TryAcquire());
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(10, Enumerable.Range(0, 20).Count(_ => limiter.TryAcquire()));
    }

    [Fact]
    public async Task Waiters_AreServedInOrder_OneEveryOneOverQps_AndACancelledWaiterGivesItsTokenBack()
    {
        var time = new FakeTimeProvider();
        var limiter = new TokenBucketRateLimiter(qps: 2, burst: 1, time);
        Assert.True(limiter.TryAcquire());
        using var cts = new CancellationTokenSource();

        var first = limiter.WaitAsync(default).AsTask();
        var cancelled = limiter.WaitAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var second = limiter.WaitAsync(default).AsTask();

        time.Advance(TimeSpan.FromMilliseconds(500));
        await first;
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await second;
    }

    [Fact]
    public async Task ZeroQps_MeansNoLimit()
    {
        var limiter = new TokenBucketRateLimiter(qps: 0, burst: 0, new FakeTimeProvider());

        for (var i = 0; i < 1000; i++) await limiter.WaitAsync(default);
        Assert.True(limiter.TryAcquire());
    }
}
