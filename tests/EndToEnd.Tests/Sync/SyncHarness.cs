using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EndToEnd.Tests.Sync;

/// <summary>
/// A real mosquitto, the bridge's device link with its registry, and agents with their stores, wired the way the
/// products wire them; everything in temp directories and on free loopback ports.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new("sync-e2e");
    private readonly List<AgentUnderTest> _agents = [];

    private SyncHarness(MosquittoFixture broker) => Broker = broker;

    public MosquittoFixture Broker { get; }

    public RecordingLogger BridgeLog { get; } = new();

    public RecordingLogger AgentLog { get; } = new();

    public DeviceRegistry Registry { get; private set; } = null!;

    public DeviceLink Bridge { get; private set; } = null!;

    /// <summary>Every registry event since the start.</summary>
    public DeviceWatch Watch { get; private set; } = null!;

    public static async Task<SyncHarness> StartAsync(PayloadLimits? limits = null)
    {
        var harness = new SyncHarness(await MosquittoFixture.StartAsync());
        harness.Registry = DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = harness._dir.Combine("bridge") }, TimeProvider.System, harness.BridgeLog);
        harness.Watch = harness.Registry.Watch(1_000_000);
        harness.Bridge = new DeviceLink(
            new DeviceLinkOptions
            {
                Mqtt = harness.Broker.ClientOptions("edgewasm-bridge", cleanSession: false),
                Limits = limits ?? PayloadLimits.Default,
                LogsTimeout = TimeSpan.FromSeconds(3),
            },
            harness.Registry,
            harness.BridgeLog,
            TimeProvider.System);
        harness.Bridge.Start();
        await harness.Bridge.WaitUntilSubscribedAsync(new CancellationTokenSource(Patience).Token);
        return harness;
    }

    public MqttSyncOptions AgentOptions(string deviceId, int? port = null, PayloadLimits? limits = null) => new()
    {
        DeviceId = deviceId,
        Mqtt = Broker.ClientOptions(deviceId) with { Port = port ?? Broker.Port },
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        RetryDelay = TimeSpan.FromMilliseconds(200),
        Limits = limits ?? PayloadLimits.Default,
    };

    public string StorePath(string deviceId) => _dir.Combine("agents", deviceId, "agent.db");

    public async Task<AgentUnderTest> StartAgentAsync(string deviceId, MqttSyncOptions? options = null)
    {
        var agent = await AgentUnderTest.StartAsync(StorePath(deviceId), options ?? AgentOptions(deviceId), AgentLog);
        _agents.Add(agent);
        return agent;
    }

    /// <summary>The sequences of the reported changes the registry applied for <paramref name="deviceId"/>, in order.</summary>
    public List<long> AppliedSequences(string deviceId, List<DeviceEvent> seen)
    {
        while (Watch.Events.TryRead(out var e)) seen.Add(e);
        return [.. seen.Where(e => e.DeviceId == deviceId && e.Kind == DeviceEventKind.Reported).Select(e => e.Sequence!.Value)];
    }

    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents) await agent.DisposeAsync();
        await Bridge.DisposeAsync();
        Watch.Dispose();
        Registry.Dispose();
        await Broker.DisposeAsync();
        _dir.Dispose();
    }
}
