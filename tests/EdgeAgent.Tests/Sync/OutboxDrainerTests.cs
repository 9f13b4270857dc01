using System.Collections.Concurrent;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.EdgeAgent.Tests.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.EdgeAgent.Tests.Sync;

public sealed class OutboxDrainerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Acknowledges_OnlyTheLongestCompletedPrefix()
    {
        await using var test = await TestStore.OpenAsync();
        var broker = new ControlledBroker();
        for (var i = 0; i < 5; i++) await test.Store.Outbox.AppendAsync(OutboxKind.AppliedVersion, null, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), default);
        var drainer = new OutboxDrainer(test.Store.Outbox, broker.Publish, window: 10, TimeSpan.FromSeconds(1), test.Clock, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = drainer.RunAsync(stop.Token);
        await broker.WaitForAsync(5);

        broker.Complete(2);
        broker.Complete(3);
        await Task.Delay(100);
        Assert.Equal(0, drainer.Delivered);

        broker.Complete(1);
        await WaitUntil(() => drainer.Delivered == 3);
        Assert.Equal(3, (await test.Store.Outbox.GetPositionAsync(default)).Acknowledged);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Window_LimitsPublishesInFlight_AndNewEntriesAreSentAsTheyCome()
    {
        await using var test = await TestStore.OpenAsync();
        var broker = new ControlledBroker();
        for (var i = 0; i < 6; i++) await test.Store.Outbox.AppendAsync(OutboxKind.AppliedVersion, null, "1", default);
        var drainer = new OutboxDrainer(test.Store.Outbox, broker.Publish, window: 2, TimeSpan.FromSeconds(1), test.Clock, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = drainer.RunAsync(stop.Token);

        await broker.WaitForAsync(2);
        await Task.Delay(100);
        Assert.Equal([1L, 2L], broker.Published);

        for (var s = 1; s <= 6; s++)
        {
            await broker.WaitForAsync(Math.Min(s + 1, 6));
            Assert.True(broker.Published.Count <= s + 1);
            broker.Complete(s);
        }

        await WaitUntil(() => drainer.Delivered == 6);

        await test.Store.Outbox.AppendAsync(OutboxKind.AppliedVersion, null, "7", default);
        await broker.WaitForAsync(7);
        broker.Complete(7);
        await WaitUntil(() => drainer.Delivered == 7);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task FailedPublish_ResendsFromItAfterTheRetryDelay_InOrder()
    {
        await using var test = await TestStore.OpenAsync();
        var broker = new ControlledBroker();
        for (var i = 0; i < 3; i++) await test.Store.Outbox.AppendAsync(OutboxKind.AppliedVersion, null, "1", default);
        var drainer = new OutboxDrainer(test.Store.Outbox, broker.Publish, window: 10, TimeSpan.FromSeconds(5), test.Clock, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = drainer.RunAsync(stop.Token);
        await broker.WaitForAsync(3);

        broker.Complete(1);
        broker.Fail(2);
        broker.Complete(3);
        await WaitUntil(() => drainer.Delivered == 1);
        await Task.Delay(100);
        Assert.Equal(3, broker.Published.Count);

        test.Clock.Advance(TimeSpan.FromSeconds(5));
        await broker.WaitForAsync(5);
        Assert.Equal([1L, 2L, 3L, 2L, 3L], broker.Published);
        broker.Complete(2);
        broker.Complete(3);
        await WaitUntil(() => drainer.Delivered == 3);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Restart_StartsAfterTheLastAcknowledgedEntry()
    {
        await using var test = await TestStore.OpenAsync();
        for (var i = 0; i < 4; i++) await test.Store.Outbox.AppendAsync(OutboxKind.AppliedVersion, null, "1", default);
        await test.Store.Outbox.AcknowledgeAsync(2, default);
        await test.ReopenAsync();
        var broker = new ControlledBroker();
        var drainer = new OutboxDrainer(test.Store.Outbox, broker.Publish, window: 10, TimeSpan.FromSeconds(1), test.Clock, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = drainer.RunAsync(stop.Token);

        await broker.WaitForAsync(2);
        Assert.Equal([3L, 4L], broker.Published);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (!condition()) await Task.Delay(10, cts.Token);
    }

    /// <summary>Stands in for the MQTT client's publish: each publish completes when the test says.</summary>
    private sealed class ControlledBroker
    {
        private readonly ConcurrentDictionary<long, TaskCompletionSource> _pending = new();
        private readonly List<long> _published = [];

        public List<long> Published
        {
            get
            {
                lock (_published) return [.. _published];
            }
        }

        public Task Publish(OutboxEntry entry, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[entry.Sequence] = done;
            lock (_published) _published.Add(entry.Sequence);
            return done.Task;
        }

        public void Complete(long sequence) => _pending[sequence].TrySetResult();

        public void Fail(long sequence) => _pending[sequence].TrySetException(new InvalidOperationException("refused"));

        public async Task WaitForAsync(int count)
        {
            using var cts = new CancellationTokenSource(Patience);
            while (Published.Count < count) await Task.Delay(10, cts.Token);
        }
    }
}
