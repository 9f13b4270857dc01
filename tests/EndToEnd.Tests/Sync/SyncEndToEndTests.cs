using System.Globalization;
using System.Text;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.EndToEnd.Tests.Sync;

/// <summary>The agent's MQTT link and the bridge's device link against a real mosquitto.</summary>
public sealed class SyncEndToEndTests(ITestOutputHelper output)
{
    private static readonly WorkloadId Workload = new("default", "sensor", "main");

    [Fact]
    public async Task StatusChanges_WhileTheBrokerStopsAndRestarts_ArriveExactlyOnceInOrder()
    {
        const int Changes = 1000;
        await using var harness = await SyncHarness.StartAsync();
        var agent = await harness.StartAgentAsync("pi-1");
        await SyncHarness.EventuallyAsync(() => agent.Link.IsConnected, "the agent is connected");

        var halfway = new TaskCompletionSource();
        var producer = Task.Run(async () =>
        {
            for (var i = 1; i <= Changes; i++)
            {
                await agent.Store.Workloads.SetAsync(Status(i), CancellationToken.None);
                if (i == Changes / 3) halfway.SetResult();
                // Spread the changes over the outage.
                if (i % 20 == 0) await Task.Delay(15);
            }
        });
        await halfway.Task.WaitAsync(SyncHarness.Patience);
        await harness.Broker.StopAsync();
        await SyncHarness.EventuallyAsync(() => !agent.Link.IsConnected, "the agent noticed the broker is gone");
        await Task.Delay(1500);
        await harness.Broker.StartAgainAsync();
        await producer.WaitAsync(SyncHarness.Patience);

        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-1")?.LastSequence == Changes, $"the bridge applied change {Changes}");
        var record = harness.Registry.Get("pi-1")!;
        var applied = harness.AppliedSequences("pi-1", []);
        output.WriteLine($"applied {applied.Count}, duplicates dropped {record.Duplicates}");
        Assert.Equal(Enumerable.Range(1, Changes).Select(i => (long)i), applied);
        Assert.Equal(0, record.SkippedSequences);
        Assert.Equal(Changes, record.Workloads[Workload].RestartCount);
        await SyncHarness.EventuallyAsync(() => agent.Link.DeliveredSequence == Changes, "the outbox is drained");
        Assert.Equal(0, (await agent.Store.Outbox.GetPositionAsync(CancellationToken.None)).Pending);
        Assert.Empty(harness.BridgeLog.UnexpectedErrors());
        Assert.Empty(harness.AgentLog.UnexpectedErrors());
    }

    [Fact]
    public async Task DesiredDocument_PublishedWhileTheDeviceIsOffline_IsAppliedWhenItReturns()
    {
        await using var harness = await SyncHarness.StartAsync();
        await harness.Bridge.Desired.PublishAsync(Desired("pi-2", 1), Timeout());

        // First start: the retained document is waiting.
        var agent = await harness.StartAgentAsync("pi-2");
        var first = await agent.Link.DesiredDocuments.ReadAsync(Timeout());
        Assert.Equal(1, first.Version);
        Assert.Equal(1, (await agent.Store.Desired.LoadAsync(CancellationToken.None))!.Document.Version);
        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-2")?.AppliedVersion == 1, "the bridge knows version 1 was applied");
        await agent.StopAsync();

        // Offline: a newer document is published. The agent is not running at all.
        await harness.Bridge.Desired.PublishAsync(Desired("pi-2", 4), Timeout());
        var returned = await harness.StartAgentAsync("pi-2");
        var second = await returned.Link.DesiredDocuments.ReadAsync(Timeout());
        Assert.Equal(4, second.Version);
        Assert.Equal(4, (await returned.Store.Desired.LoadAsync(CancellationToken.None))!.Document.Version);
        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-2")?.AppliedVersion == 4, "the bridge knows version 4 was applied");

        // Online: an older document is ignored, a newer one applied.
        await harness.Bridge.Desired.PublishAsync(Desired("pi-2", 3), Timeout());
        await harness.Bridge.Desired.PublishAsync(Desired("pi-2", 5), Timeout());
        var third = await returned.Link.DesiredDocuments.ReadAsync(Timeout());
        Assert.Equal(5, third.Version);
        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-2")?.AppliedVersion == 5, "the bridge knows version 5 was applied");
        Assert.Equal(5, await returned.Store.Desired.GetVersionAsync(CancellationToken.None));
        Assert.Empty(harness.AgentLog.UnexpectedErrors());
    }

    [Fact]
    public async Task MalformedAndOversizedPayloads_AreRefusedAndReported_AndBothSidesCarryOn()
    {
        var small = PayloadLimits.Default with { Desired = 2048, Reported = 2048 };
        await using var harness = await SyncHarness.StartAsync(small);
        var agent = await harness.StartAgentAsync("pi-3", harness.AgentOptions("pi-3", limits: small));
        await SyncHarness.EventuallyAsync(() => agent.Link.IsConnected, "the agent is connected");
        var topics = new DeviceTopics("pi-3");
        await using var rogue = new MqttClient(harness.Broker.ClientOptions("rogue"));
        await rogue.ConnectAsync(Timeout());

        // Towards the device: garbage, a document for another device, an oversized document, a bad logs request.
        var oversized = Encoding.UTF8.GetBytes($"{{\"deviceId\":\"pi-3\",\"version\":9,\"workloads\":[{{\"id\":\"a/b/c\",\"image\":\"{new string('x', 4000)}\"}}]}}");
        await rogue.PublishAsync(topics.Desired, "{{{ not json"u8.ToArray(), MqttQos.AtLeastOnce, false, Timeout());
        await rogue.PublishAsync(topics.Desired, Encoding.UTF8.GetBytes("{\"deviceId\":\"pi-9\",\"version\":2}"), MqttQos.AtLeastOnce, false, Timeout());
        await rogue.PublishAsync(topics.Desired, oversized, MqttQos.AtLeastOnce, false, Timeout());
        var tiny = "{\"deviceId\":\"pi-3\",\"version\":3,\"workloads\":[{\"id\":\"a/b/c\",\"image\":\"r.io/x:1\",\"limits\":{\"memoryBytes\":100}}]}";
        await rogue.PublishAsync(topics.Desired, Encoding.UTF8.GetBytes(tiny), MqttQos.AtLeastOnce, false, Timeout());
        await rogue.PublishAsync(topics.LogsRequest, "{\"requestId\":\"bad id!\",\"workload\":\"a/b/c\"}"u8.ToArray(), MqttQos.AtLeastOnce, false, Timeout());

        var rejections = new List<RejectedMessage>();
        var seen = new List<DeviceEvent>();
        await SyncHarness.EventuallyAsync(
            () =>
            {
                while (harness.Watch.Events.TryRead(out var e)) seen.Add(e);
                return seen.Count(e => e.Kind == DeviceEventKind.Rejected) == 5;
            },
            "the bridge heard of five refusals");
        Assert.Equal(5, agent.Link.RefusedPayloads);
        var reasons = seen.Where(e => e.Kind == DeviceEventKind.Rejected).Select(e => e.Detail!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("malformed JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("does not match", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("over the 2048-byte limit", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("request id", StringComparison.Ordinal));
        // A well-formed document the supervisor could not apply is refused at the link too, and never stored.
        Assert.Contains(reasons, r => r.StartsWith("invalid desired document version 3: ", StringComparison.Ordinal) && r.Contains("memory limit 100 is not between one wasm page", StringComparison.Ordinal));
        Assert.Null(await agent.Store.Desired.LoadAsync(CancellationToken.None));
        Assert.Equal(TopicKind.LogsRequest, harness.Registry.Get("pi-3")!.LastRejection!.Channel);
        output.WriteLine(string.Join("\n", reasons));

        // The bridge refuses to publish an oversized document at all: nothing is cut, nothing reaches the device.
        var huge = Desired("pi-3", 10) with { Workloads = [new WorkloadSpec { Id = Workload, Image = new string('y', 3000) }] };
        var tooLarge = await Assert.ThrowsAsync<PayloadTooLargeException>(() => harness.Bridge.Desired.PublishAsync(huge, Timeout()));
        Assert.Contains("version 10", tooLarge.Message, StringComparison.Ordinal);

        // Towards the bridge: garbage and an oversized change on the device's reported topic.
        await rogue.PublishAsync(topics.Reported, "[1,2,3]"u8.ToArray(), MqttQos.AtLeastOnce, false, Timeout());
        await rogue.PublishAsync(topics.Reported, new byte[5000], MqttQos.AtLeastOnce, false, Timeout());
        await rogue.PublishAsync(topics.Heartbeat, "{\"deviceId\":\"pi-3\"}"u8.ToArray(), MqttQos.AtLeastOnce, false, Timeout());
        await SyncHarness.EventuallyAsync(() => harness.Registry.RefusedPayloads == 3, "the bridge refused three payloads");

        // Both sides still work: a valid document is applied and its version reported back.
        await harness.Bridge.Desired.PublishAsync(Desired("pi-3", 11), Timeout());
        var applied = await agent.Link.DesiredDocuments.ReadAsync(Timeout());
        Assert.Equal(11, applied.Version);
        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-3")?.AppliedVersion == 11, "the bridge knows version 11 was applied");
        Assert.Empty(harness.BridgeLog.UnexpectedErrors());
        Assert.Empty(harness.AgentLog.UnexpectedErrors());
    }

    [Fact]
    public async Task LogsRequest_IsAnsweredFromTheLogRing_WithinTheSizeLimit()
    {
        var limits = PayloadLimits.Default with { LogsResponse = 8192 };
        await using var harness = await SyncHarness.StartAsync(limits);
        var agent = await harness.StartAgentAsync("pi-4", harness.AgentOptions("pi-4", limits: limits));
        await SyncHarness.EventuallyAsync(() => agent.Link.IsConnected, "the agent is connected");
        await agent.Store.Workloads.SetAsync(Status(1), CancellationToken.None);
        var lines = Enumerable.Range(1, 300).Select(i => new LogLine(DateTimeOffset.UtcNow, i % 2 == 0 ? LogStream.Stderr : LogStream.Stdout, $"line {i:D3} " + new string('.', 40))).ToList();
        await agent.Store.Logs.AppendAsync(Workload, lines, CancellationToken.None);

        var tail = await harness.Bridge.Logs.RequestAsync("pi-4", Workload, tailLines: 3, limitBytes: null, since: null, Timeout());
        Assert.Equal(["line 298", "line 299", "line 300"], tail.Lines.Select(l => l.Text[..8]));
        Assert.Equal(["stderr", "stdout", "stderr"], tail.Lines.Select(l => l.Stream));
        Assert.False(tail.Truncated);

        var all = await harness.Bridge.Logs.RequestAsync("pi-4", Workload, tailLines: null, limitBytes: null, since: null, Timeout());
        Assert.True(all.Truncated);
        Assert.Equal("line 300", all.Lines[^1].Text[..8]);
        Assert.True(all.Lines.Count is > 50 and < 300, $"{all.Lines.Count} lines fit in 8 KiB");

        var unknown = await harness.Bridge.Logs.RequestAsync("pi-4", new WorkloadId("default", "nope", "main"), null, null, null, Timeout());
        Assert.Contains("not known", unknown.Error, StringComparison.Ordinal);

        await agent.StopAsync();
        var silence = await Assert.ThrowsAsync<TimeoutException>(() => harness.Bridge.Logs.RequestAsync("pi-4", Workload, 1, null, null, Timeout()));
        Assert.Contains("did not answer", silence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presence_IsOnlineWhileConnected_OfflineByWillWhenCut_AndOfflineOnCleanStop()
    {
        await using var harness = await SyncHarness.StartAsync();
        await using var proxy = new TcpProxy(harness.Broker.Port);
        var agent = await harness.StartAgentAsync("pi-5", harness.AgentOptions("pi-5", port: proxy.Port));
        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-5") is { Online: true, LastHeartbeat: not null }, "the device is online with heartbeats");

        proxy.CutAll();
        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-5")?.Online == false, "the last will said offline");
        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-5")?.Online == true, "the device is back online");
        Assert.True(harness.Registry.Get("pi-5")!.IsAlive(DateTimeOffset.UtcNow, harness.Registry.HeartbeatTimeout));

        await agent.StopAsync();
        await SyncHarness.EventuallyAsync(() => harness.Registry.Get("pi-5")?.Online == false, "the device said goodbye");
        var kinds = new List<DeviceEvent>();
        harness.AppliedSequences("pi-5", kinds);
        Assert.Equal(
            [DeviceEventKind.Online, DeviceEventKind.Offline, DeviceEventKind.Online, DeviceEventKind.Offline],
            kinds.Where(e => e.DeviceId == "pi-5" && e.Kind is DeviceEventKind.Online or DeviceEventKind.Offline).Select(e => e.Kind));
    }

    private static WorkloadStatus Status(int i) => new()
    {
        Id = Workload,
        State = WorkloadState.Running,
        RestartCount = i,
        Reason = "change " + i.ToString(CultureInfo.InvariantCulture),
    };

    private static DesiredState Desired(string device, long version) => new()
    {
        DeviceId = device,
        Version = version,
        Workloads = [new WorkloadSpec { Id = Workload, Image = $"127.0.0.1:5000/sensor:{version}" }],
    };

    private static CancellationToken Timeout() => new CancellationTokenSource(SyncHarness.Patience).Token;
}
