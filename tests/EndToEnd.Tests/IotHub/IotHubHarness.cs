using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.IotHub;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.EdgeAgent.Sync.IotHub;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.IotHub;

namespace EdgeWasm.EndToEnd.Tests.IotHub;

/// <summary>
/// The emulated hub, the bridge's IoT Hub link polling it into a registry, and agents (store + IoT Hub link) whose
/// identities the bridge created, wired the way the products wire them.
/// </summary>
internal sealed class IotHubHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new("iothub-e2e");
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(AgentStore Store, Task Run)> _agents = [];
    private Task _polling = Task.CompletedTask;

    private IotHubHarness(IotHubEmulator hub) => Hub = hub;

    public IotHubEmulator Hub { get; }

    public RecordingLogger BridgeLog { get; } = new();

    public RecordingLogger AgentLog { get; } = new();

    public DeviceRegistry Registry { get; private set; } = null!;

    public IotHubDeviceLink Bridge { get; private set; } = null!;

    /// <summary>Every registry event since the start.</summary>
    public DeviceWatch Watch { get; private set; } = null!;

    public static async Task<IotHubHarness> StartAsync()
    {
        var harness = new IotHubHarness(await IotHubEmulator.StartAsync());
        harness.Registry = DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = harness._dir.Combine("bridge") }, TimeProvider.System, harness.BridgeLog);
        harness.Watch = harness.Registry.Watch(1_000_000);
        var options = IotHubServiceOptions.FromConnectionString(harness.Hub.ServiceConnectionString()) with
        {
            Endpoint = harness.Hub.ServiceEndpoint,
            CaFile = harness.Hub.CaFile,
            PollInterval = TimeSpan.FromMilliseconds(200),
            LogsTimeout = TimeSpan.FromSeconds(5),
        };
        harness.Bridge = new IotHubDeviceLink(options, harness.Registry, harness.BridgeLog, TimeProvider.System);
        harness._polling = harness.Bridge.RunAsync(harness._stop.Token);
        return harness;
    }

    /// <summary>Starts an agent whose key comes from the identity the bridge created (so the bridge must have written to it first).</summary>
    public async Task<(AgentStore Store, IotHubCloudLink Link)> StartAgentAsync(string deviceId)
    {
        var (identity, _) = await Bridge.Service.EnsureDeviceAsync(deviceId, default);
        var key = identity["authentication"]!["symmetricKey"]!["primaryKey"]!.GetValue<string>();
        var store = await AgentStore.OpenAsync(new StoreOptions { Path = _dir.Combine("agents", deviceId, "agent.db") }, TimeProvider.System, null, CancellationToken.None);
        var options = new IotHubSyncOptions
        {
            Device = IotHubDeviceOptions.FromConnectionString($"HostName={Hub.HostName};DeviceId={deviceId};SharedAccessKey={key}", Hub.CaFile) with
            {
                Port = Hub.MqttPort,
                ReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromSeconds(1),
            },
            RetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        };
        var link = new IotHubCloudLink(options, store, TimeProvider.System, AgentLog);
        _agents.Add((store, link.RunAsync(_stop.Token)));
        await Eventually.TrueAsync(() => link.IsConnected, $"agent {deviceId} is connected", Patience);
        return (store, link);
    }

    /// <summary>The sequences of the reports the registry applied for <paramref name="deviceId"/>, in order.</summary>
    public List<long> AppliedSequences(string deviceId, List<DeviceEvent> seen)
    {
        while (Watch.Events.TryRead(out var e)) seen.Add(e);
        return [.. seen.Where(e => e.DeviceId == deviceId && e.Kind == DeviceEventKind.Reported && e.Detail == "Report").Select(e => e.Sequence!.Value)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_agents.Select(a => a.Run).Append(_polling)).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var (store, _) in _agents) await store.DisposeAsync();
        Bridge.Dispose();
        Watch.Dispose();
        Registry.Dispose();
        await Hub.DisposeAsync();
        _dir.Dispose();
        _stop.Dispose();
    }
}
