using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.EdgeAgent.Sync;
using EdgeWasm.EdgeAgent.Sync.IotHub;
using EdgeWasm.EdgeAgent.Tests.Store;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.IotHub;

namespace EdgeWasm.EdgeAgent.Tests.Sync.IotHub;

/// <summary>The emulated hub, one device's store and its IoT Hub link, running until disposed.</summary>
internal sealed class LinkHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    private LinkHarness(IotHubEmulator hub, TestStore store, string deviceId)
    {
        Hub = hub;
        Store = store;
        DeviceId = deviceId;
    }

    public IotHubEmulator Hub { get; }

    public TestStore Store { get; }

    public string DeviceId { get; }

    public RecordingLogger Log { get; } = new();

    public IotHubCloudLink Link { get; private set; } = null!;

    public static async Task<LinkHarness> StartAsync(string deviceId = "pi-1", Func<IotHubSyncOptions, IotHubSyncOptions>? configure = null, IWorkloadControl? control = null, bool connect = true)
    {
        var hub = await IotHubEmulator.StartAsync();
        hub.AddDevice(deviceId);
        var harness = new LinkHarness(hub, await TestStore.OpenAsync(), deviceId);
        harness.Options = (configure ?? (o => o))(new IotHubSyncOptions
        {
            Device = hub.DeviceOptions(deviceId),
            RetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        });
        harness.Control = control;
        if (connect) await harness.StartLinkAsync();
        return harness;
    }

    public IotHubSyncOptions Options { get; private set; } = null!;

    public IWorkloadControl? Control { get; private set; }

    public async Task StartLinkAsync()
    {
        Link = new IotHubCloudLink(Options, Store.Store, TimeProvider.System, Log, Control);
        _run = Link.RunAsync(_stop.Token);
        await Eventually.TrueAsync(() => Link.IsConnected, "the link is connected", Patience);
    }

    /// <summary>The twin's report, or null.</summary>
    public TwinReport? Report() =>
        Hub.GetTwin(DeviceId)["properties"]!["reported"]![TwinReport.PropertyName]?.Deserialize(IotHubJsonContext.Default.TwinReport);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        await Hub.DisposeAsync();
        await Store.DisposeAsync();
        _stop.Dispose();
    }

    public static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;

    public Task<long> SetDesiredAsync(Protocol.Documents.DesiredState desired) =>
        Hub.UpdateDesiredAsync(DeviceId, new JsonObject { [DesiredTwin.PropertyName] = DesiredTwin.Encode(desired, 1024 * 1024) });
}
