using System.Text;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.IotHub;

namespace EdgeWasm.Protocol.Tests.IotHub;

/// <summary>The device client against the emulator: connection, twin requests, notifications, methods, telemetry.</summary>
public sealed class IotHubDeviceClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingLogger _log = new();
    private IotHubEmulator _hub = null!;

    public async Task InitializeAsync() => _hub = await IotHubEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _hub.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Connect_WithSasToken_GetsTheTwinAndPatchesReported()
    {
        _hub.AddDevice("pi-1");
        var (client, run) = Start(_hub.DeviceOptions("pi-1"));
        await client.Events.NextAsync<IotHubConnected>(timeout: Patience);

        var twin = await client.GetTwinAsync(Timeout());
        Assert.Equal(1, twin.DesiredVersion);
        Assert.Equal(1, twin.ReportedVersion);

        var version = await client.UpdateReportedAsync(new JsonObject { ["battery"] = 55 }, Timeout());
        Assert.Equal(2, version);
        Assert.Equal(55, _hub.GetTwin("pi-1")["properties"]!["reported"]!["battery"]!.GetValue<int>());
        var again = await client.GetTwinAsync(Timeout());
        Assert.Equal(2, again.ReportedVersion);
        Assert.Equal(55, again.Reported["battery"]!.GetValue<int>());

        await Stop(run);
        await Eventually.TrueAsync(() => _hub.ClosedConnections.Any(c => c.DeviceId == "pi-1" && c.Reason.Contains("DISCONNECT", StringComparison.Ordinal)), "the device said DISCONNECT");
        Assert.Empty(_log.UnexpectedErrors());
    }

    private (IotHubDeviceClient Client, Task Run) Start(IotHubDeviceOptions options)
    {
        var client = new IotHubDeviceClient(options, _log);
        return (client, client.RunAsync(_stop.Token));
    }

    private async Task Stop(Task run)
    {
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Patience).Token;
}
