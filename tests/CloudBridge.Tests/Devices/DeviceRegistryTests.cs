using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.CloudBridge.Tests.Devices;

public sealed class DeviceRegistryTests : IDisposable
{
    private readonly TempDirectory _dir = new("registry");
    private readonly FakeTimeProvider _clock = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ApplyReported_InOrder_AppliesEachAndKeepsTheLastState()
    {
        using var registry = Open();

        Assert.Equal(ApplyOutcome.Applied, registry.ApplyReported(Status("pi-1", "s1", 1, WorkloadState.Waiting)));
        Assert.Equal(ApplyOutcome.Applied, registry.ApplyReported(Status("pi-1", "s1", 2, WorkloadState.Running)));
        Assert.Equal(ApplyOutcome.Applied, registry.ApplyReported(Applied("pi-1", "s1", 3, version: 5)));

        var record = registry.Get("pi-1")!;
        Assert.Equal(3, record.LastSequence);
        Assert.Equal(WorkloadState.Running, record.Workloads[Workload].State);
        Assert.Equal(5, record.AppliedVersion);
        Assert.Equal(_clock.GetUtcNow(), record.LastSeen);
    }

    [Theory]
    [InlineData(new long[] { 1, 2, 2, 3 }, new long[] { 1, 2, 3 }, 1, 0)]
    [InlineData(new long[] { 1, 2, 3, 1, 2, 3, 4 }, new long[] { 1, 2, 3, 4 }, 3, 0)]
    [InlineData(new long[] { 1, 2, 5, 6 }, new long[] { 1, 2, 5, 6 }, 0, 2)]
    [InlineData(new long[] { 1, 4, 2, 3, 5 }, new long[] { 1, 4, 5 }, 2, 2)]
    [InlineData(new long[] { 7, 8, 9 }, new long[] { 7, 8, 9 }, 0, 0)]
    public void ApplyReported_Sequences_AppliedOnceInOrderWithGapsRecorded(long[] arriving, long[] applied, long duplicates, long skipped)
    {
        using var registry = Open();
        using var watch = registry.Watch();

        foreach (var sequence in arriving) registry.ApplyReported(Applied("pi-1", "s1", sequence, version: sequence));

        Assert.Equal(applied, Drain(watch).Where(e => e.Kind == DeviceEventKind.Reported).Select(e => e.Sequence!.Value));
        var record = registry.Get("pi-1")!;
        Assert.Equal(duplicates, record.Duplicates);
        Assert.Equal(skipped, record.SkippedSequences);
        Assert.Equal(applied[^1], record.AppliedVersion);
    }

    [Fact]
    public void ApplyReported_NewStream_StartsCountingAgain_AndTheOldStreamIsDropped()
    {
        using var registry = Open();
        registry.ApplyReported(Applied("pi-1", "old", 1, 1));
        registry.ApplyReported(Applied("pi-1", "old", 2, 2));

        Assert.Equal(ApplyOutcome.Applied, registry.ApplyReported(Applied("pi-1", "new", 1, 3)));
        Assert.Equal(ApplyOutcome.RetiredStream, registry.ApplyReported(Applied("pi-1", "old", 3, 99)));

        var record = registry.Get("pi-1")!;
        Assert.Equal(("new", 1L, 3L), (record.Stream, record.LastSequence, record.AppliedVersion));
        Assert.Contains("old", record.RetiredStreams);
    }

    [Fact]
    public void Restart_DoesNotApplyOldSequencesAgain()
    {
        using (var registry = Open())
        {
            for (var i = 1; i <= 10; i++) registry.ApplyReported(Status("pi-1", "s1", i, WorkloadState.Running));
        }

        using var reopened = Open();
        using var watch = reopened.Watch();
        for (var i = 1; i <= 12; i++) reopened.ApplyReported(Status("pi-1", "s1", i, WorkloadState.Terminated));

        Assert.Equal([11L, 12L], Drain(watch).Where(e => e.Kind == DeviceEventKind.Reported).Select(e => e.Sequence!.Value));
        Assert.Equal(10, reopened.Get("pi-1")!.Duplicates);
    }

    [Fact]
    public void Crash_WithoutCheckpoint_JournalReplayRestoresEverythingApplied()
    {
        var registry = Open();
        for (var i = 1; i <= 25; i++) registry.ApplyReported(Status("pi-" + (i % 3), "s", (i + 2) / 3, WorkloadState.Running));
        registry.ApplyReported(Removed("pi-1", "s", 10));
        var before = registry.Devices;
        // No Dispose: the journal lines are all there is, as after a SIGKILL. Copy them while the file is open.
        var copy = new TempDirectory("registry-copy");
        foreach (var file in Directory.GetFiles(_dir.Path)) File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        registry.Dispose();

        using var reopened = DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = copy.Path }, _clock, NullLogger.Instance);

        foreach (var (id, record) in before)
        {
            var back = reopened.Get(id)!;
            Assert.Equal(record.LastSequence, back.LastSequence);
            Assert.Equal(record.Workloads, back.Workloads);
        }

        Assert.Empty(reopened.Get("pi-1")!.Workloads);
        copy.Dispose();
    }

    [Fact]
    public void Journal_TornLastLine_IsDroppedAndTheRestIsKept()
    {
        using (var registry = Open(compactAfter: 1_000_000))
        {
            registry.ApplyReported(Applied("pi-1", "s", 1, 1));
            registry.ApplyReported(Applied("pi-1", "s", 2, 2));
            // Dispose would snapshot; simulate a crash mid-append instead by appending half a line afterwards.
        }

        File.AppendAllText(_dir.Combine("journal.jsonl"), "{\"deviceId\":\"pi-1\",\"stream\":\"s\",\"seq");

        using var reopened = Open();

        Assert.Equal(2, reopened.Get("pi-1")!.LastSequence);
        Assert.Equal(ApplyOutcome.Applied, reopened.ApplyReported(Applied("pi-1", "s", 3, 3)));
    }

    [Fact]
    public void Compaction_KeepsStateAndEmptiesTheJournal()
    {
        using (var registry = Open(compactAfter: 5))
        {
            for (var i = 1; i <= 12; i++) registry.ApplyReported(Applied("pi-1", "s", i, i));
            Assert.True(new FileInfo(_dir.Combine("journal.jsonl")).Length < 5 * 300);
        }

        using var reopened = Open();
        Assert.Equal(12, reopened.Get("pi-1")!.AppliedVersion);
    }

    [Fact]
    public void Liveness_FollowsHeartbeatsPresenceAndTheWill()
    {
        using var registry = Open();
        using var watch = registry.Watch();
        var timeout = registry.HeartbeatTimeout;

        registry.ApplyPresence(new PresenceMessage { DeviceId = "pi-1", Online = true, At = _clock.GetUtcNow() });
        Assert.True(registry.Get("pi-1")!.IsAlive(_clock.GetUtcNow(), timeout));

        _clock.Advance(timeout + TimeSpan.FromSeconds(1));
        Assert.False(registry.Get("pi-1")!.IsAlive(_clock.GetUtcNow(), timeout));

        registry.ApplyHeartbeat(new HeartbeatMessage { DeviceId = "pi-1", SentAt = _clock.GetUtcNow() });
        Assert.True(registry.Get("pi-1")!.IsAlive(_clock.GetUtcNow(), timeout));

        var seenBeforeWill = registry.Get("pi-1")!.LastSeen;
        _clock.Advance(TimeSpan.FromSeconds(1));
        registry.ApplyPresence(new PresenceMessage { DeviceId = "pi-1", Online = false });
        var record = registry.Get("pi-1")!;
        Assert.False(record.IsAlive(_clock.GetUtcNow(), timeout));
        Assert.Equal(seenBeforeWill, record.LastSeen);

        Assert.Equal(
            [DeviceEventKind.Online, DeviceEventKind.Returned, DeviceEventKind.Offline],
            Drain(watch).Select(e => e.Kind));
    }

    [Fact]
    public void Presence_CarryingDeviceInfo_DescribesTheDevice_OnceAndOnlyWhenItChanges()
    {
        using var registry = Open();
        using var watch = registry.Watch();
        var info = new DeviceInfo { Arch = "arm64", Profile = "raspberry-pi-4-4gb", Capacity = new DeviceCapacity(4000, 1 << 30, 16, 1 << 30), AgentVersion = "0.1.0", Addresses = ["10.0.0.5"] };

        registry.ApplyPresence(new PresenceMessage { DeviceId = "pi-1", Online = true, At = _clock.GetUtcNow(), Device = info });
        // The same facts as a new message carries them (every list a new instance) describe nothing new.
        registry.ApplyPresence(new PresenceMessage { DeviceId = "pi-1", Online = false, Device = info with { Capacity = info.Capacity with { Pods = 16 }, Addresses = ["10.0.0.5"] } });
        registry.ApplyPresence(new PresenceMessage { DeviceId = "pi-1", Online = true, At = _clock.GetUtcNow(), Device = info with { Profile = "raspberry-pi-5-8gb" } });
        registry.ApplyPresence(new PresenceMessage { DeviceId = "pi-1", Online = true, At = _clock.GetUtcNow() });

        Assert.Equal("raspberry-pi-5-8gb", registry.Get("pi-1")!.Device?.Profile);
        Assert.Equal(
            [DeviceEventKind.Online, DeviceEventKind.Described, DeviceEventKind.Offline, DeviceEventKind.Online, DeviceEventKind.Described],
            Drain(watch).Select(e => e.Kind));
    }

    [Fact]
    public void RecordRefused_CountsPerDeviceAndOverall()
    {
        using var registry = Open();
        registry.RecordRefused("pi-1", TopicKind.Reported, "edgewasm/v1/devices/pi-1/reported", 10, "malformed JSON");
        registry.RecordRefused("pi-1", TopicKind.Heartbeat, "edgewasm/v1/devices/pi-1/heartbeat", 10, "malformed JSON");

        Assert.Equal(2, registry.RefusedPayloads);
        Assert.Equal(2, registry.Get("pi-1")!.RefusedPayloads);
    }

    [Fact]
    public void Watch_Disposed_GetsNoMoreEvents()
    {
        using var registry = Open();
        var watch = registry.Watch();
        watch.Dispose();

        registry.ApplyReported(Applied("pi-1", "s", 1, 1));

        Assert.Empty(Drain(watch));
        Assert.True(watch.Events.Completion.IsCompleted);
    }

    private static readonly WorkloadId Workload = new("default", "sensor", "main");

    private DeviceRegistry Open(int compactAfter = 10_000) =>
        DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = _dir.Path, CompactAfter = compactAfter }, _clock, NullLogger.Instance);

    private ReportedChange Status(string device, string stream, long sequence, WorkloadState state) => new()
    {
        DeviceId = device,
        Stream = stream,
        Sequence = sequence,
        ObservedAt = _clock.GetUtcNow(),
        Kind = ReportedChangeKind.WorkloadStatus,
        Workload = new WorkloadStatus { Id = Workload, State = state },
    };

    private ReportedChange Removed(string device, string stream, long sequence) => new()
    {
        DeviceId = device,
        Stream = stream,
        Sequence = sequence,
        ObservedAt = _clock.GetUtcNow(),
        Kind = ReportedChangeKind.WorkloadRemoved,
        RemovedWorkload = Workload,
    };

    private ReportedChange Applied(string device, string stream, long sequence, long version) => new()
    {
        DeviceId = device,
        Stream = stream,
        Sequence = sequence,
        ObservedAt = _clock.GetUtcNow(),
        Kind = ReportedChangeKind.AppliedVersion,
        AppliedVersion = version,
    };

    private static List<DeviceEvent> Drain(DeviceWatch watch)
    {
        var events = new List<DeviceEvent>();
        while (watch.Events.TryRead(out var e)) events.Add(e);
        return events;
    }
}
