using EdgeWasm.EdgeAgent.Hosting;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.TestSupport;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

public sealed class AgentHostTests
{
    [Theory]
    [InlineData("Agent:DeviceId", "Pi_1", "--device: device id 'Pi_1' contains 'P'")]
    [InlineData("Agent:DataDirectory", null, "--data DIR is required")]
    [InlineData("Agent:Mqtt", "mqtt://127.0.0.1:1883", "give either --desired FILE or --mqtt URL, not both")]
    [InlineData("Agent:DesiredFile", "/no/such/folder/desired.json", "--desired: the folder of /no/such/folder/desired.json does not exist")]
    [InlineData("Agent:MqttCa", "/no/ca.pem", "--mqtt-ca: /no/ca.pem does not exist")]
    [InlineData("Agent:Heartbeat", "00:00:00.5", "--heartbeat 00:00:00.5000000 must be at least 1 s")]
    [InlineData("Profile:Name", "raspberry-pi-9", "unknown hardware profile 'raspberry-pi-9'; known profiles: generic-arm64-gateway, raspberry-pi-4-4gb")]
    [InlineData("Supervisor:RestartBackoff", "00:00:00", "Supervisor: RestartBackoff")]
    [InlineData("Store:LogRingBytes", "10", "Store: LogRingBytes")]
    public async Task ABadOption_StopsTheStart_SayingWhatIsWrong(string key, string? value, string expected)
    {
        using var folder = new TempDirectory("edgewasm-agent");
        var settings = Settings(folder);
        settings[key] = value;
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync([], settings.Where(s => s.Value is not null), error, CancellationToken.None);

        Assert.Equal(AgentHost.BadConfiguration, exitCode);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandLineSwitches_ReachTheOptions()
    {
        using var folder = new TempDirectory("edgewasm-agent");
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync(
            ["--device", "Bad Id", "--profile", "raspberry-pi-4-4gb", "--data", folder.Path, "--desired", folder.Combine("d.json"), "--heartbeat", "00:00:05"],
            null, error, CancellationToken.None);

        Assert.Equal(AgentHost.BadConfiguration, exitCode);
        Assert.Contains("--device: device id 'Bad Id' contains", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreThatBelongsToAnotherDevice_IsRefused()
    {
        using var folder = new TempDirectory("edgewasm-agent");
        await using (var store = await AgentStore.OpenAsync(new StoreOptions { Path = folder.Combine("data", "agent.db") }, TimeProvider.System, null, CancellationToken.None))
        {
            await store.Metadata.SetAsync(MetadataKeys.DeviceId, "pi-2", CancellationToken.None);
        }

        using var error = new StringWriter();
        var exitCode = await AgentHost.RunAsync([], Settings(folder), error, CancellationToken.None);

        Assert.Equal(AgentHost.Failed, exitCode);
        Assert.Contains("belongs to device 'pi-2', not 'pi-1'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDevice_IsAnnouncedOnceThroughTheOutbox_AndAgainOnlyWhenItChanges()
    {
        using var folder = new TempDirectory("edgewasm-agent");
        await using (var first = await AgentHarness.StartAsync(folder: folder)) await first.StopAsync();
        await using (var second = await AgentHarness.StartAsync(folder: folder)) await second.StopAsync();
        await using var third = await AgentHarness.StartAsync("raspberry-pi-5-8gb", folder: folder);

        var announced = (await third.Store.Outbox.PeekAsync(100, CancellationToken.None)).Where(e => e.Kind == OutboxKind.DeviceInfo).ToList();
        Assert.Equal(2, announced.Count);
        var device = System.Text.Json.JsonSerializer.Deserialize(announced[1].Payload, Protocol.Topics.TopicJsonContext.Default.DeviceInfo)!;
        Assert.Equal(("raspberry-pi-5-8gb", "arm64", 4000, 48), (device.Profile, device.Arch, device.Capacity.CpuMillis, 48));
        Assert.Equal(DeviceAnnouncer.AgentVersion, device.AgentVersion);
        Assert.Equal("pi-1", await third.Store.Metadata.GetAsync(MetadataKeys.DeviceId, CancellationToken.None));
        await third.StopAsync();
    }

    [Fact]
    public async Task TheDevice_ReportsTheAddressItsWorkloadsListenOn_ConfiguredOrFromItsInterfaces()
    {
        await using (var discovered = await AgentHarness.StartAsync())
        {
            var info = await AnnouncedAsync(discovered);
            // This machine's own interfaces: whatever they are, never loopback or link-local.
            Assert.DoesNotContain(info.Addresses!, a => a is "127.0.0.1" or "::1" || a.StartsWith("fe80", StringComparison.OrdinalIgnoreCase) || a.StartsWith("169.254.", StringComparison.Ordinal));
            await discovered.StopAsync();
        }

        await using var configured = await AgentHarness.StartAsync(settings: new Dictionary<string, string?> { ["Agent:AdvertiseAddress"] = "192.0.2.7" });
        Assert.Equal(["192.0.2.7"], (await AnnouncedAsync(configured)).Addresses!);
        await configured.StopAsync();

        using var error = new StringWriter();
        using var folder = new TempDirectory("edgewasm-agent");
        var bad = Settings(folder).Append(new("Agent:AdvertiseAddress", "pi.local"));
        Assert.Equal(AgentHost.BadConfiguration, await AgentHost.RunAsync([], bad, error, CancellationToken.None));
        Assert.Contains("--advertise-address: 'pi.local' is not an IP address", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<Protocol.Documents.DeviceInfo> AnnouncedAsync(AgentHarness agent)
    {
        var entry = (await agent.Store.Outbox.PeekAsync(100, CancellationToken.None)).Last(e => e.Kind == OutboxKind.DeviceInfo);
        return System.Text.Json.JsonSerializer.Deserialize(entry.Payload, Protocol.Topics.TopicJsonContext.Default.DeviceInfo)!;
    }

    [Fact]
    public async Task AnAgentWithNoSource_RunsWhatTheStoreHolds()
    {
        using var folder = new TempDirectory("edgewasm-agent");
        await using var agent = await AgentHarness.StartAsync(settings: new Dictionary<string, string?> { ["Agent:DesiredFile"] = null }, folder: folder);

        Assert.Empty(await agent.Store.Workloads.GetAllAsync(CancellationToken.None));
        await agent.StopAsync();
    }

    private static Dictionary<string, string?> Settings(TempDirectory folder) => new()
    {
        ["Agent:DeviceId"] = "pi-1",
        ["Agent:DataDirectory"] = folder.Combine("data"),
        ["Agent:DesiredFile"] = folder.Combine("desired.json"),
        ["Profile:Name"] = "raspberry-pi-4-4gb",
    };
}
