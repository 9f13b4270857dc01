using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.IotHub;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.IotHub;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.CloudBridge.Tests.IotHub;

/// <summary>The bridge's IoT Hub link: desired into twins, twins into the registry, logs through a direct method.</summary>
public sealed class IotHubDeviceLinkTests : IAsyncLifetime
{
    private static readonly WorkloadId Sensor = new("default", "sensor", "main");
    private readonly TempDirectory _dir = new("iothub-bridge");
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _devices = [];
    private IotHubEmulator _hub = null!;
    private DeviceRegistry _registry = null!;
    private IotHubDeviceLink _link = null!;

    public async Task InitializeAsync()
    {
        _hub = await IotHubEmulator.StartAsync();
        _registry = DeviceRegistry.Open(new DeviceRegistryOptions { StateDirectory = _dir.Path }, TimeProvider.System, NullLogger.Instance);
        _link = Link();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_devices).ContinueWith(_ => { }, TaskScheduler.Default);
        _link.Dispose();
        _registry.Dispose();
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task PublishDesired_CreatesTheIdentity_WritesTheDocument_AndNeverGoesBack()
    {
        await _link.PublishDesiredAsync(Desired("pi-1", 2), default);
        await _link.PublishDesiredAsync(Desired("pi-1", 1), default);

        var desired = _hub.GetTwin("pi-1")["properties"]!["desired"]!.AsObject();
        Assert.Equal(2, desired[DesiredTwin.PropertyName]!["version"]!.GetValue<long>());
        Assert.Equal(2, TwinProperties.VersionOf(desired));
        Assert.Equal(2, DesiredTwin.Read(desired, "pi-1", 1 << 20).Document!.Version);
    }

    [Fact]
    public async Task PublishDesired_WhenTheTwinChangesInBetween_ReadsItAgainAndWrites()
    {
        var handler = new RacingHandler(_hub, "pi-2");
        using var racing = new IotHubDeviceLink(Options(), _registry, NullLogger.Instance, TimeProvider.System, handler);
        _hub.AddDevice("pi-2");

        await racing.PublishDesiredAsync(Desired("pi-2", 4), default);

        var desired = _hub.GetTwin("pi-2")["properties"]!["desired"]!.AsObject();
        Assert.Equal(4, desired[DesiredTwin.PropertyName]!["version"]!.GetValue<long>());
        Assert.Equal("other writer", desired["note"]!.GetValue<string>());
        Assert.Equal(2, handler.Patches);
    }

    [Fact]
    public async Task PublishDesired_ADocumentThatCannotFit_IsRefused()
    {
        var huge = Desired("pi-3", 1) with
        {
            Workloads = [new WorkloadSpec { Id = Sensor, Image = "r/i:1", Args = [Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(60_000))] }],
        };

        await Assert.ThrowsAsync<PayloadTooLargeException>(() => _link.PublishDesiredAsync(huge, default));
    }

    [Fact]
    public async Task Poll_MapsReportsHeartbeatsAndConnectionStateIntoTheRegistry_OncePerReport()
    {
        _hub.AddDevice("pi-4");
        _hub.AddDevice("not-an-agent");
        var device = await ConnectAsync("pi-4");
        using var watch = _registry.Watch();
        await device.UpdateReportedAsync(Report(7, restarts: 3, heartbeatAt: DateTimeOffset.UnixEpoch.AddDays(1)), default);

        await _link.PollAsync(default);
        await _link.PollAsync(default);

        var record = _registry.Get("pi-4")!;
        Assert.Equal(7, record.LastSequence);
        Assert.Equal(3, record.Workloads[Sensor].RestartCount);
        Assert.True(record.IsAlive(DateTimeOffset.UtcNow, _registry.HeartbeatTimeout));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), record.LastHeartbeat!.SentAt);
        Assert.Null(_registry.Get("not-an-agent"));
        Assert.Equal([7L], Drain(watch).Where(e => e.Kind == DeviceEventKind.Reported).Select(e => e.Sequence!.Value));
        Assert.Equal(0, record.Duplicates);

        await _stop.CancelAsync();
        await Eventually.TrueAsync(() => !_hub.IsConnected("pi-4"), "the device disconnected");
        await _link.RefreshAsync("pi-4", default);
        Assert.False(_registry.Get("pi-4")!.IsAlive(DateTimeOffset.UtcNow, _registry.HeartbeatTimeout));
    }

    [Fact]
    public async Task Poll_AMalformedReport_IsRefusedAndCountedOnce()
    {
        _hub.AddDevice("pi-5");
        var device = await ConnectAsync("pi-5");
        await device.UpdateReportedAsync(new JsonObject { [TwinReport.PropertyName] = new JsonObject { ["stream"] = "s", ["sequence"] = -1 } }, default);

        await _link.PollAsync(default);
        await _link.PollAsync(default);

        Assert.Equal(1, _registry.Get("pi-5")!.RefusedPayloads);
        Assert.Equal(0, _registry.Get("pi-5")!.LastSequence);
    }

    [Fact]
    public async Task RequestLogs_GoesThroughTheDirectMethod_AndRefusalsAndSilenceAreReported()
    {
        _hub.AddDevice("pi-6");
        var offline = await Assert.ThrowsAsync<TimeoutException>(() => _link.RequestLogsAsync("pi-6", Sensor, 10, null, null, default));
        Assert.Contains("is it online", offline.Message, StringComparison.Ordinal);

        var device = await ConnectAsync("pi-6");
        var answering = Task.Run(async () =>
        {
            var first = await device.Events.NextAsync<IotHubMethodCall>();
            var request = JsonSerializer.Deserialize(first.Payload, IotHubJsonContext.Default.LogsMethodRequest)!;
            var response = new LogsResponse { RequestId = first.RequestId, Workload = request.Workload, Lines = [new LogEntry(DateTimeOffset.UnixEpoch, "stdout", $"tail {request.TailLines}")] };
            await device.RespondToMethodAsync(first.RequestId, 200, JsonSerializer.SerializeToUtf8Bytes(response, TopicJsonContext.Default.LogsResponse), default);
            var second = await device.Events.NextAsync<IotHubMethodCall>();
            await device.RespondToMethodAsync(second.RequestId, 400, Encoding.UTF8.GetBytes("""{"error":"no such workload"}"""), default);
        });

        var logs = await _link.RequestLogsAsync("pi-6", Sensor, 10, null, null, default);
        var refused = await Assert.ThrowsAsync<LogsRequestRejectedException>(() => _link.RequestLogsAsync("pi-6", Sensor, null, null, null, default));
        await answering;

        Assert.Equal("tail 10", Assert.Single(logs.Lines).Text);
        Assert.Contains("no such workload", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_RefusesAPollSlowerThanHalfTheHeartbeatTimeout() =>
        Assert.Throws<ArgumentException>(() => new IotHubDeviceLink(Options() with { PollInterval = TimeSpan.FromSeconds(30) }, _registry, NullLogger.Instance, TimeProvider.System));

    private IotHubServiceOptions Options() =>
        IotHubServiceOptions.FromConnectionString(_hub.ServiceConnectionString()) with { Endpoint = _hub.ServiceEndpoint, CaFile = _hub.CaFile, LogsTimeout = TimeSpan.FromSeconds(5) };

    private IotHubDeviceLink Link() => new(Options(), _registry, NullLogger.Instance, TimeProvider.System);

    private async Task<IotHubDeviceClient> ConnectAsync(string deviceId)
    {
        var device = new IotHubDeviceClient(_hub.DeviceOptions(deviceId));
        _devices.Add(device.RunAsync(_stop.Token));
        await device.Events.NextAsync<IotHubConnected>();
        await device.GetTwinAsync(default);
        return device;
    }

    private static JsonObject Report(long sequence, int restarts, DateTimeOffset heartbeatAt) => new()
    {
        [TwinReport.PropertyName] = JsonSerializer.SerializeToNode(
            new TwinReport
            {
                Stream = "s1",
                Sequence = sequence,
                Workloads = new Dictionary<string, WorkloadStatus> { [TwinKeys.Workload(Sensor)] = new() { Id = Sensor, State = WorkloadState.Running, RestartCount = restarts } },
                Heartbeat = new TwinHeartbeat(heartbeatAt, 0),
            },
            IotHubJsonContext.Default.TwinReport),
    };

    private static DesiredState Desired(string device, long version) => new()
    {
        DeviceId = device,
        Version = version,
        Workloads = [new WorkloadSpec { Id = Sensor, Image = $"registry.local/sensor:{version}" }],
    };

    private static List<DeviceEvent> Drain(DeviceWatch watch)
    {
        var events = new List<DeviceEvent>();
        while (watch.Events.TryRead(out var e)) events.Add(e);
        return events;
    }

    // Another writer changes the twin between the bridge's read and its first write, so the etag is stale once.
    private sealed class RacingHandler(IotHubEmulator hub, string deviceId) : DelegatingHandler(CaTrust.Handler(hub.CaFile))
    {
        private int _patches;

        public int Patches => _patches;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Patch && Interlocked.Increment(ref _patches) == 1)
            {
                await hub.UpdateDesiredAsync(deviceId, new JsonObject { ["note"] = "other writer" });
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
