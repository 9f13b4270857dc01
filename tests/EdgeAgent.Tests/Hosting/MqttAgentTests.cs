using System.Text.Json;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>The agent wired to a real mosquitto with <c>--mqtt</c>: desired state comes down, statuses and logs go up.</summary>
[Collection(RegistryCollection.Name)]
public sealed class MqttAgentTests(ModuleRegistry registry)
{
    [Fact]
    public async Task ADesiredDocumentFromTheBroker_Runs_AndItsStatusAndLogsGoBackUp()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var topics = new DeviceTopics(AgentHarness.DeviceId);
        await using var cloud = new MqttClient(broker.ClientOptions("cloud"));
        cloud.Start();
        await cloud.WaitUntilConnectedAsync(Timeout());
        await cloud.SubscribeAsync(topics.Reported, MqttQos.AtLeastOnce, Timeout());
        await cloud.SubscribeAsync(topics.LogsResponses, MqttQos.AtLeastOnce, Timeout());
        var sensor = new WorkloadSpec
        {
            Id = new WorkloadId("default", "sensor", "main"),
            PodUid = "sensor-uid",
            Image = registry.Image("sensor"),
            Args = ["50"],
        };
        var desired = JsonSerializer.SerializeToUtf8Bytes(new DesiredState { DeviceId = AgentHarness.DeviceId, Version = 3, Workloads = [sensor] }, ProtocolJsonContext.Default.DesiredState);
        // Retained, as the bridge publishes it: the agent gets it whenever it connects.
        await cloud.PublishAsync(topics.Desired, desired, MqttQos.AtLeastOnce, retain: true, Timeout());

        await using var agent = await AgentHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agent:DesiredFile"] = null,
            ["Agent:Mqtt"] = $"mqtt://{broker.Host}:{broker.Port}",
            ["Agent:Heartbeat"] = "00:00:01",
        });

        var running = await NextChangeAsync(cloud, topics, c => c.Workload is { State: WorkloadState.Running });
        Assert.Equal(sensor.Id, running.Workload!.Id);
        Assert.Equal(3, await agent.Store.Desired.GetVersionAsync(CancellationToken.None));
        await agent.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running, "running");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await agent.LogAsync(sensor.Id)).Length < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var request = new LogsRequest { RequestId = "r1", Workload = sensor.Id, TailLines = 2 };
        await cloud.PublishAsync(topics.LogsRequest, JsonSerializer.SerializeToUtf8Bytes(request, TopicJsonContext.Default.LogsRequest), MqttQos.AtLeastOnce, retain: false, Timeout());
        var answer = await cloud.Events.NextAsync<MqttMessage>(m => m.Topic == topics.LogsResponse("r1"), TimeSpan.FromSeconds(30));
        var logs = JsonSerializer.Deserialize(answer.Payload, TopicJsonContext.Default.LogsResponse)!;
        Assert.Equal(2, logs.Lines.Count);
        Assert.All(logs.Lines, l => Assert.StartsWith("sensor reading=", l.Text, StringComparison.Ordinal));

        await agent.StopAsync();
        var stopped = await NextChangeAsync(cloud, topics, c => c.Workload is { State: WorkloadState.Terminated });
        Assert.Equal(WorkloadReasons.Stopped, stopped.Workload!.Reason);
    }

    [Fact]
    public async Task RetainedPresence_CarriesTheDeviceInfo_ForABridgeThatSubscribesLate()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var topics = new DeviceTopics(AgentHarness.DeviceId);
        await using var probe = new MqttClient(broker.ClientOptions("probe"));
        probe.Start();
        await probe.WaitUntilConnectedAsync(Timeout());
        await probe.SubscribeAsync(topics.Reported, MqttQos.AtLeastOnce, Timeout());
        await using var presenceProbe = new MqttClient(broker.ClientOptions("presence-probe"));
        presenceProbe.Start();
        await presenceProbe.WaitUntilConnectedAsync(Timeout());
        await presenceProbe.SubscribeAsync(topics.Online, MqttQos.AtLeastOnce, Timeout());
        await using var agent = await AgentHarness.StartAsync("raspberry-pi-zero-2w", new Dictionary<string, string?>
        {
            ["Agent:DesiredFile"] = null,
            ["Agent:Mqtt"] = $"mqtt://{broker.Host}:{broker.Port}",
        });
        // Delivered: the agent will not report this DeviceInfo again.
        await NextChangeAsync(probe, topics, c => c.Kind == ReportedChangeKind.DeviceInfo);
        // The presence goes out on its own after the connection, concurrently with the outbox: wait until it did, or
        // the late subscriber below could subscribe first and get it live (not retained).
        await presenceProbe.Events.NextAsync<MqttMessage>(m => m.Topic == topics.Online, TimeSpan.FromSeconds(30));

        // A bridge with a new session subscribes only now: the retained presence still tells it the facts.
        await using var late = new MqttClient(broker.ClientOptions("late-bridge"));
        late.Start();
        await late.WaitUntilConnectedAsync(Timeout());
        await late.SubscribeAsync(topics.Online, MqttQos.AtLeastOnce, Timeout());
        var retained = await late.Events.NextAsync<MqttMessage>(m => m.Topic == topics.Online, TimeSpan.FromSeconds(30));
        var presence = JsonSerializer.Deserialize(retained.Payload, TopicJsonContext.Default.PresenceMessage)!;

        Assert.True(retained.Retain);
        Assert.True(presence.Online);
        Assert.Equal("raspberry-pi-zero-2w", presence.Device?.Profile);
        Assert.Equal("arm", presence.Device!.Arch);
        Assert.Equal(8, presence.Device.Capacity.Pods);

        await agent.StopAsync();
        var goodbye = await late.Events.NextAsync<MqttMessage>(m => m.Topic == topics.Online, TimeSpan.FromSeconds(30));
        var offline = JsonSerializer.Deserialize(goodbye.Payload, TopicJsonContext.Default.PresenceMessage)!;
        Assert.False(offline.Online);
        // The same facts (Addresses is a list: the record's equality would compare references).
        Assert.Equal(presence.Device with { Addresses = null }, offline.Device! with { Addresses = null });
        Assert.Equal(presence.Device.Addresses ?? [], offline.Device.Addresses ?? []);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static async Task<ReportedChange> NextChangeAsync(MqttClient cloud, DeviceTopics topics, Func<ReportedChange, bool> match)
    {
        while (true)
        {
            var message = await cloud.Events.NextAsync<MqttMessage>(m => m.Topic == topics.Reported, TimeSpan.FromSeconds(30));
            var change = JsonSerializer.Deserialize(message.Payload, TopicJsonContext.Default.ReportedChange)!;
            if (match(change)) return change;
        }
    }
}
