using EdgeWasm.EdgeAgent.Store;

namespace EdgeWasm.EdgeAgent.Tests.Store;

public sealed class OutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Append_AssignsStrictlyIncreasingSequences_AndPeekReturnsThemInOrder()
    {
        await using var test = await TestStore.OpenAsync();
        var outbox = test.Store.Outbox;

        var sequences = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            sequences.Add(await outbox.AppendAsync(OutboxKind.DeviceInfo, null, $"{{\"n\":{i}}}", None));
        }

        Assert.Equal([1L, 2, 3, 4, 5], sequences);
        var entries = await outbox.PeekAsync(10, None);
        Assert.Equal(sequences, entries.Select(e => e.Sequence));
        Assert.Equal("{\"n\":3}", entries[3].Payload);
        Assert.Equal(test.Clock.GetUtcNow(), entries[0].CreatedAt);
        Assert.Equal([4L, 5], (await outbox.PeekAsync(10, afterSequence: 3, None)).Select(e => e.Sequence));
        Assert.Equal([1L, 2], (await outbox.PeekAsync(2, None)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Acknowledge_RemovesEntriesUpToTheSequence_AndLeavesTheRest()
    {
        await using var test = await TestStore.OpenAsync();
        var outbox = test.Store.Outbox;
        for (var i = 0; i < 6; i++) await outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{}", None);

        await outbox.AcknowledgeAsync(4, None);

        Assert.Equal([5L, 6], (await outbox.PeekAsync(10, None)).Select(e => e.Sequence));
        Assert.Equal(new OutboxPosition(6, 4), await outbox.GetPositionAsync(None));
    }

    [Fact]
    public async Task Acknowledge_AnOlderSequenceAgain_ChangesNothing()
    {
        await using var test = await TestStore.OpenAsync();
        var outbox = test.Store.Outbox;
        for (var i = 0; i < 3; i++) await outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{}", None);
        await outbox.AcknowledgeAsync(2, None);

        await outbox.AcknowledgeAsync(1, None);
        await outbox.AcknowledgeAsync(2, None);

        Assert.Equal(new OutboxPosition(3, 2), await outbox.GetPositionAsync(None));
        Assert.Single(await outbox.PeekAsync(10, None));
    }

    [Fact]
    public async Task Acknowledge_BeyondTheLastSequence_Throws()
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{}", None);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => test.Store.Outbox.AcknowledgeAsync(2, None));
        Assert.Contains("only sequences up to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sequence_NeverGoesBackwards_AfterTheOutboxIsEmptiedAndTheStoreReopened()
    {
        await using var test = await TestStore.OpenAsync();
        for (var i = 0; i < 3; i++) await test.Store.Outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{}", None);
        await test.Store.Outbox.AcknowledgeAsync(3, None);
        Assert.Empty(await test.Store.Outbox.PeekAsync(10, None));

        await test.ReopenAsync();
        var next = await test.Store.Outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{}", None);

        Assert.Equal(4, next);
        Assert.Equal(new OutboxPosition(4, 3), await test.Store.Outbox.GetPositionAsync(None));
    }

    [Fact]
    public async Task PendingEntries_SurviveARestart()
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{\"a\":1}", None);
        await test.Store.Outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{\"a\":2}", None);
        await test.Store.Outbox.AcknowledgeAsync(1, None);

        await test.ReopenAsync();

        var entry = Assert.Single(await test.Store.Outbox.PeekAsync(10, None));
        Assert.Equal((2L, "{\"a\":2}"), (entry.Sequence, entry.Payload));
    }

    [Fact]
    public async Task WaitForEntries_CompletesOnlyOnceANewerEntryIsCommitted()
    {
        await using var test = await TestStore.OpenAsync();
        var outbox = test.Store.Outbox;
        await outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{}", None);

        Assert.True(outbox.WaitForEntriesAsync(0, None).IsCompleted);
        var waiting = outbox.WaitForEntriesAsync(1, None);
        Assert.False(waiting.IsCompleted);

        await outbox.AppendAsync(OutboxKind.DeviceInfo, null, "{}", None);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        using var cancel = new CancellationTokenSource();
        var cancelled = outbox.WaitForEntriesAsync(2, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }

    [Fact]
    public async Task ConcurrentAppends_ProduceGaplessSequences_WhileReadersPeek()
    {
        await using var test = await TestStore.OpenAsync();
        var outbox = test.Store.Outbox;

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++) await outbox.AppendAsync(OutboxKind.DeviceInfo, null, $"{{\"w\":{w}}}", None);
        }));
        var reader = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var seen = await outbox.PeekAsync(1000, None);
                Assert.Equal(Enumerable.Range(1, seen.Count).Select(n => (long)n), seen.Select(e => e.Sequence));
            }
        });
        await Task.WhenAll([.. writers, reader]);

        var all = await outbox.PeekAsync(1000, None);
        Assert.Equal(Enumerable.Range(1, 200).Select(n => (long)n), all.Select(e => e.Sequence));
    }
}
