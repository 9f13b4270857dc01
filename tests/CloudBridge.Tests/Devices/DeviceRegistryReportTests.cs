using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.CloudBridge.Tests.Devices;

/// <summary>Twin reports (IoT Hub) in the registry: once, only forward, folded changes counted apart from lost ones.</summary>
public sealed class DeviceRegistryReportTests : IDisposable
{
    private readonly TempDirectory _dir = new("registry");
    private readonly FakeTimeProvider _clock = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(new long[] { 1, 2, 3 }, new long[] { 1, 2, 3 }, 0, 0)]
    [InlineData(new long[] { 1, 1, 1, 5 }, new long[] { 1, 5 }, 0, 3)]
    [InlineData(new long[] { 4, 2, 9, 9, 7 }, new long[] { 4, 9 }, 2, 4)]
    public void ApplyReport_AppliesEachSequenceOnceAndOnlyForward(long[] read, long[] applied, long duplicates, long folded)
    {
        using var registry = Open();
        using var watch = registry.Watch();

        foreach (var sequence in read) registry.ApplyReport("pi-1", Report("s", sequence, restarts: (int)sequence));

        Assert.Equal(applied, Drain(watch).Where(e => e.Kind == DeviceEventKind.Reported).Select(e => e.Sequence!.Value));
        var record = registry.Get("pi-1")!;
        Assert.Equal(applied[^1], record.LastSequence);
        Assert.Equal(duplicates, record.Duplicates);
        Assert.Equal(folded, record.FoldedSequences);
        Assert.Equal(0, record.SkippedSequences);
        Assert.Equal((int)applied[^1], record.Workloads[Sensor].RestartCount);
    }

    [Fact]
    public void ApplyReport_ReplacesTheWorkloads_KeepsKnownDeviceFacts_AndDoesNotCountAsHearingFromTheDevice()
    {
        using var registry = Open();
        var info = new DeviceInfo { Arch = "arm64", Profile = "raspberry-pi-4-4gb", Capacity = new DeviceCapacity(4000, 1 << 30, 48, 1 << 30), AgentVersion = "0.1.0" };
        registry.ApplyReport("pi-1", Report("s", 1, 1) with { Device = info, AppliedVersion = 3 });

        registry.ApplyReport("pi-1", Report("s", 2, 1) with { Workloads = new Dictionary<string, WorkloadStatus>() });

        var record = registry.Get("pi-1")!;
        Assert.Empty(record.Workloads);
        Assert.Equal(info, record.Device);
        Assert.Equal(0, record.AppliedVersion);
        Assert.Null(record.LastSeen);
    }

    [Fact]
    public void ApplyReport_NewStream_StartsAgain_AndTheOldOneIsRetired()
    {
        using var registry = Open();
        registry.ApplyReport("pi-1", Report("old", 40, 1));

        Assert.Equal(ApplyOutcome.Applied, registry.ApplyReport("pi-1", Report("new", 1, 2)));
        Assert.Equal(ApplyOutcome.RetiredStream, registry.ApplyReport("pi-1", Report("old", 41, 3)));
        Assert.Equal(("new", 1L), (registry.Get("pi-1")!.Stream, registry.Get("pi-1")!.LastSequence));
    }

    [Fact]
    public void Reports_AreJournaled_AndReplayedAfterACrash_BesideChanges()
    {
        var registry = Open();
        registry.ApplyReport("pi-1", Report("s", 7, 7));
        registry.ApplyReport("pi-2", Report("t", 3, 3));
        registry.ApplyReport("pi-1", Report("s", 9, 9));
        var copy = new TempDirectory("registry-copy");
        foreach (var file in Directory.GetFiles(_dir.Path)) File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        registry.Dispose();

        using var reopened = DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = copy.Path }, _clock, NullLogger.Instance);

        Assert.Equal(9, reopened.Get("pi-1")!.LastSequence);
        Assert.Equal(9, reopened.Get("pi-1")!.Workloads[Sensor].RestartCount);
        Assert.Equal(1, reopened.Get("pi-1")!.FoldedSequences);
        Assert.Equal(3, reopened.Get("pi-2")!.LastSequence);
        Assert.Equal(ApplyOutcome.Duplicate, reopened.ApplyReport("pi-1", Report("s", 9, 9)));
        copy.Dispose();
    }

    private static readonly WorkloadId Sensor = new("default", "sensor", "main");

    private DeviceRegistry Open() => DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = _dir.Path }, _clock, NullLogger.Instance);

    private static TwinReport Report(string stream, long sequence, int restarts) => new()
    {
        Stream = stream,
        Sequence = sequence,
        Workloads = new Dictionary<string, WorkloadStatus>
        {
            [TwinKeys.Workload(Sensor)] = new() { Id = Sensor, State = WorkloadState.Running, RestartCount = restarts },
        },
    };

    private static List<DeviceEvent> Drain(DeviceWatch watch)
    {
        var events = new List<DeviceEvent>();
        while (watch.Events.TryRead(out var e)) events.Add(e);
        return events;
    }
}
