using EdgeWasm.CloudBridge.Reconcile;
using EdgeWasm.TestSupport;

namespace EdgeWasm.CloudBridge.Tests.Reconcile;

public sealed class KeyedWorkQueueTests
{
    [Fact]
    public async Task Add_SameKeyTwice_IsTakenOnce()
    {
        using var queue = new KeyedWorkQueue(new FakeTimeProvider());
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_WhileTheKeyIsWorkedOn_QueuesItAgainOnlyWhenDone()
    {
        using var queue = new KeyedWorkQueue(new FakeTimeProvider());
        queue.Add("a");
        var key = await queue.TakeAsync(CancellationToken.None);

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);

        queue.Done(key);
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task AddAfter_QueuesWhenTheDelayPasses_OnTheGivenClock()
    {
        var clock = new FakeTimeProvider();
        using var queue = new KeyedWorkQueue(clock);
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        queue.AddAfter("a", TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, queue.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TakeAsync_WaitsForAKey_AndHonoursCancellation()
    {
        using var queue = new KeyedWorkQueue(new FakeTimeProvider());
        using var cts = new CancellationTokenSource();
        var waiting = queue.TakeAsync(cts.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        queue.Add("x");
        Assert.Equal("x", await waiting);

        var cancelled = queue.TakeAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }
}
