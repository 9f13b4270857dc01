using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Tests.Store;

public sealed class WorkloadStatusStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly WorkloadId Sensor = new("default", "sensor", "avg");

    private static WorkloadStatus Running(int restarts = 0) => new()
    {
        Id = Sensor,
        State = WorkloadState.Running,
        RestartCount = restarts,
        StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ImageDigest = ContentDigest.Compute("module"u8),
    };

    [Fact]
    public async Task Set_StoresTheStatus_AndAppendsAnOutboxEntryWithTheSameJson()
    {
        await using var test = await TestStore.OpenAsync();

        var sequence = await test.Store.Workloads.SetAsync(Running(), None);

        Assert.Equal(Running(), await test.Store.Workloads.GetAsync(Sensor, None));
        var entry = Assert.Single(await test.Store.Outbox.PeekAsync(10, None));
        Assert.Equal(sequence, entry.Sequence);
        Assert.Equal(OutboxKind.WorkloadStatus, entry.Kind);
        Assert.Equal("default/sensor/avg", entry.Subject);
        Assert.Equal(Running(), JsonSerializer.Deserialize(entry.Payload, ProtocolJsonContext.Default.WorkloadStatus));
    }

    [Fact]
    public async Task Set_TheSameStatusAgain_ReportsNothing()
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Workloads.SetAsync(Running(), None);

        Assert.Null(await test.Store.Workloads.SetAsync(Running(), None));
        Assert.Equal(2, await test.Store.Workloads.SetAsync(Running(restarts: 1), None));
        Assert.Equal(2, (await test.Store.Outbox.PeekAsync(10, None)).Count);
    }

    [Fact]
    public async Task Remove_ForgetsTheWorkload_AndReportsTheRemovalOnce()
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Workloads.SetAsync(Running(), None);

        Assert.Equal(2, await test.Store.Workloads.RemoveAsync(Sensor, None));
        Assert.Null(await test.Store.Workloads.RemoveAsync(Sensor, None));

        Assert.Null(await test.Store.Workloads.GetAsync(Sensor, None));
        var entries = await test.Store.Outbox.PeekAsync(10, None);
        Assert.Equal([OutboxKind.WorkloadStatus, OutboxKind.WorkloadRemoved], entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task Statuses_SurviveARestart()
    {
        await using var test = await TestStore.OpenAsync();
        var other = Running() with { Id = new WorkloadId("prod", "gw", "proxy"), State = WorkloadState.Waiting, Reason = "ImagePullBackOff" };
        await test.Store.Workloads.SetAsync(Running(), None);
        await test.Store.Workloads.SetAsync(other, None);

        await test.ReopenAsync();

        Assert.Equal([Running(), other], await test.Store.Workloads.GetAllAsync(None));
    }

    [Fact]
    public async Task SetMany_ReportsEveryChangeInListOrder_AndSkipsTheUnchanged()
    {
        await using var test = await TestStore.OpenAsync();
        await test.Store.Workloads.SetAsync(Running(), None);
        var other = Running() with { Id = new WorkloadId("default", "other", "main") };

        var sequences = await test.Store.Workloads.SetManyAsync([other, Running(), Running(restarts: 2)], None);

        Assert.Equal([2L, null, 3L], sequences);
        Assert.Equal(
            ["default/sensor/avg", "default/other/main", "default/sensor/avg"],
            (await test.Store.Outbox.PeekAsync(10, None)).Select(e => e.Subject));
        Assert.Equal(Running(restarts: 2), await test.Store.Workloads.GetAsync(Sensor, None));
    }
}
