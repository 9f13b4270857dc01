using System.Text.Json.Nodes;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.EndToEnd.Tests.IotHub;

/// <summary>The agent's IoT Hub link and the bridge's IoT Hub link, end to end through the emulated hub.</summary>
public sealed class IotHubEndToEndTests(ITestOutputHelper output)
{
    private static readonly WorkloadId Sensor = new("default", "sensor", "main");

    [Fact]
    public async Task DesiredDown_StatusUp_ExactlyOnceAndInOrder_AcrossConnectionDrops()
    {
        const int Changes = 400;
        await using var harness = await IotHubHarness.StartAsync();
        // A document big enough to need several chunks of the twin's desired property.
        var desired = Desired("pi-1", 1, files: 8000);
        await harness.Bridge.PublishDesiredAsync(desired, Timeout());
        var (store, link) = await harness.StartAgentAsync("pi-1");

        var received = await link.DesiredDocuments.ReadAsync(Timeout());
        Assert.Equal(desired.Workloads[0].Volumes[0].Files[0], received.Workloads[0].Volumes[0].Files[0]);
        await Eventually.TrueAsync(() => harness.Registry.Get("pi-1")?.AppliedVersion == 1, "the bridge knows version 1 was applied", IotHubHarness.Patience);

        var producer = Task.Run(async () =>
        {
            for (var i = 1; i <= Changes; i++)
            {
                await store.Workloads.SetAsync(Status(i), CancellationToken.None);
                if (i % 100 == 50) harness.Hub.DropConnection("pi-1");
                if (i % 10 == 0) await Task.Delay(10);
            }
        });
        await producer.WaitAsync(IotHubHarness.Patience);

        var last = (await store.Outbox.GetPositionAsync(default)).Last;
        await Eventually.TrueAsync(() => harness.Registry.Get("pi-1")?.LastSequence == last, $"the bridge applied the report of sequence {last}", IotHubHarness.Patience);
        var record = harness.Registry.Get("pi-1")!;
        var applied = harness.AppliedSequences("pi-1", []);
        var patched = harness.Hub.ReportedPatches.Select(p => p.Patch[TwinReport.PropertyName]?["sequence"]?.GetValue<long>()).OfType<long>().ToList();
        output.WriteLine($"{last} changes; {patched.Count} reported patches; {applied.Count} reports applied, {record.FoldedSequences} changes folded; {harness.Hub.Connects("pi-1")} connections");

        Assert.Equal(applied.Order().Distinct(), applied);
        Assert.Equal(patched.Order().Distinct(), patched);
        Assert.Equal(last, applied[^1]);
        Assert.Equal(0, record.Duplicates);
        Assert.Equal(0, record.SkippedSequences);
        Assert.Equal(Changes, record.Workloads[Sensor].RestartCount);
        Assert.True(harness.Hub.Connects("pi-1") >= 5, $"{harness.Hub.Connects("pi-1")} connections");
        await Eventually.TrueAsync(() => link.DeliveredSequence == last, "the outbox is drained");
        Assert.Equal(0, (await store.Outbox.GetPositionAsync(default)).Pending);
        Assert.Empty(harness.BridgeLog.UnexpectedErrors());
        Assert.Empty(harness.AgentLog.UnexpectedErrors());
    }

    [Fact]
    public async Task Logs_ComeThroughTheDirectMethod()
    {
        await using var harness = await IotHubHarness.StartAsync();
        await harness.Bridge.PublishDesiredAsync(Desired("pi-2", 1), Timeout());
        var (store, _) = await harness.StartAgentAsync("pi-2");
        await store.Workloads.SetAsync(Status(0), default);
        for (var i = 0; i < 50; i++) await store.Logs.AppendAsync(Sensor, i % 2 == 0 ? LogStream.Stdout : LogStream.Stderr, $"avg={i}", default);
        await Eventually.TrueAsync(() => harness.Registry.Get("pi-2")?.Workloads.ContainsKey(Sensor) == true, "the bridge knows the workload", IotHubHarness.Patience);

        var logs = await harness.Bridge.RequestLogsAsync("pi-2", Sensor, tailLines: 3, limitBytes: null, since: null, Timeout());

        Assert.Equal(["avg=47", "avg=48", "avg=49"], logs.Lines.Select(l => l.Text));
        Assert.Equal(["stderr", "stdout", "stderr"], logs.Lines.Select(l => l.Stream));
        Assert.False(logs.Truncated);
    }

    [Fact]
    public async Task TamperedDesiredProperty_IsRefusedByTheAgent_AndTheBridgeLearnsWhy()
    {
        await using var harness = await IotHubHarness.StartAsync();
        await harness.Bridge.PublishDesiredAsync(Desired("pi-3", 1), Timeout());
        await harness.StartAgentAsync("pi-3");
        await Eventually.TrueAsync(() => harness.Registry.Get("pi-3")?.AppliedVersion == 1, "version 1 applied", IotHubHarness.Patience);
        var property = DesiredTwin.Encode(Desired("pi-3", 2), 1 << 20);
        property["chunks"]!.AsArray()[0] = "AAAA";

        await harness.Hub.UpdateDesiredAsync("pi-3", new JsonObject { [DesiredTwin.PropertyName] = property });

        await Eventually.TrueAsync(() => harness.Registry.Get("pi-3")?.LastRejection is not null, "the bridge recorded the refusal", IotHubHarness.Patience);
        var rejection = harness.Registry.Get("pi-3")!.LastRejection!;
        Assert.Equal(2, rejection.Version);
        Assert.Equal(TopicKind.Desired, rejection.Channel);
        Assert.Equal(1, harness.Registry.Get("pi-3")!.AppliedVersion);
    }

    private static WorkloadStatus Status(int restarts) => new()
    {
        Id = Sensor,
        State = WorkloadState.Running,
        RestartCount = restarts,
        StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(restarts),
    };

    private static DesiredState Desired(string device, long version, int files = 0) => new()
    {
        DeviceId = device,
        Version = version,
        Workloads =
        [
            new WorkloadSpec
            {
                Id = Sensor,
                Image = $"registry.local/sensor:{version}",
                Volumes = files == 0 ? [] : [new VolumeSpec { Name = "config", GuestPath = "/config", Kind = VolumeKind.Files, Files = [new VolumeFile("data.bin", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(files)))] }],
            },
        ],
    };

    private static CancellationToken Timeout() => new CancellationTokenSource(IotHubHarness.Patience).Token;
}
