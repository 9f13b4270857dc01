using System.Text.Json;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.EdgeAgent.Tests.Sync;

public sealed class ReportedChangesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void EveryOutboxKind_BecomesItsChange()
    {
        var id = new WorkloadId("ns", "pod", "c");
        var status = new WorkloadStatus { Id = id, State = WorkloadState.Running, RestartCount = 2 };
        var info = new DeviceInfo { Arch = "arm64", Profile = "raspberry-pi-4-4gb", AgentVersion = "0.1.0", Capacity = new DeviceCapacity(4000, 1L << 30, 10, 1L << 30) };

        var changes = new[]
        {
            ReportedChanges.FromOutbox(new OutboxEntry(1, OutboxKind.WorkloadStatus, id.ToString(), JsonSerializer.Serialize(status, ProtocolJsonContext.Default.WorkloadStatus), At), "pi-1", "s"),
            ReportedChanges.FromOutbox(new OutboxEntry(2, OutboxKind.WorkloadRemoved, id.ToString(), "{}", At), "pi-1", "s"),
            ReportedChanges.FromOutbox(new OutboxEntry(3, OutboxKind.AppliedVersion, null, "42", At), "pi-1", "s"),
            ReportedChanges.FromOutbox(new OutboxEntry(4, OutboxKind.DeviceInfo, null, JsonSerializer.Serialize(info, TopicJsonContext.Default.DeviceInfo), At), "pi-1", "s"),
        };

        Assert.Equal(status, changes[0].Workload);
        Assert.Equal(id, changes[1].RemovedWorkload);
        Assert.Equal(42, changes[2].AppliedVersion);
        Assert.Equal(info, changes[3].Device);
        Assert.All(changes, c => Assert.Null(c.Problem("pi-1")));
        Assert.Equal([1L, 2L, 3L, 4L], changes.Select(c => c.Sequence));
        Assert.All(changes, c => Assert.Equal(At, c.ObservedAt));
    }

    [Theory]
    [InlineData(nameof(OutboxKind.WorkloadStatus), "a/b/c", "{not json")]
    [InlineData(nameof(OutboxKind.WorkloadStatus), "a/b/c", "null")]
    [InlineData(nameof(OutboxKind.WorkloadRemoved), null, "{}")]
    [InlineData(nameof(OutboxKind.AppliedVersion), null, "-1")]
    [InlineData(nameof(OutboxKind.DeviceInfo), null, "[]")]
    public void UnreadableEntries_AreFormatErrors(string kind, string? subject, string payload) =>
        Assert.Throws<FormatException>(() => ReportedChanges.FromOutbox(new OutboxEntry(1, Enum.Parse<OutboxKind>(kind), subject, payload, At), "pi-1", "s"));
}
