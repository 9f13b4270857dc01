using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.EdgeAgent.Hosting;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.IotHub;

namespace EdgeWasm.EdgeAgent.Tests.Hosting;

/// <summary>The agent wired to the emulated IoT Hub with <c>--iothub</c>: the twin's desired document runs, its status reaches the twin, logs and restarts come through direct methods.</summary>
[Collection(RegistryCollection.Name)]
public sealed class IotHubAgentTests(ModuleRegistry registry)
{
    private const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    [Fact]
    public async Task ADesiredDocumentFromTheTwin_Runs_ItsStatusAndLogsGoBackUp_AndARestartIsObeyed()
    {
        await using var hub = await IotHubEmulator.StartAsync();
        hub.AddDevice(AgentHarness.DeviceId);
        var sensor = new WorkloadSpec { Id = new WorkloadId("default", "sensor", "main"), PodUid = "sensor-uid", Image = registry.Image("sensor"), Args = ["50"] };
        var desired = new DesiredState { DeviceId = AgentHarness.DeviceId, Version = 3, Workloads = [sensor] };
        await hub.UpdateDesiredAsync(AgentHarness.DeviceId, new JsonObject { [DesiredTwin.PropertyName] = DesiredTwin.Encode(desired, 1 << 20) });

        await using var agent = await AgentHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Agent:DesiredFile"] = null,
            ["Agent:IotHub"] = hub.DeviceConnectionString(AgentHarness.DeviceId),
            ["Agent:IotHubCa"] = hub.CaFile,
            ["Agent:IotHubPort"] = hub.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var first = await agent.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running, "running");
        Assert.Equal(3, await agent.Store.Desired.GetVersionAsync(CancellationToken.None));
        await Eventually.TrueAsync(() => Report(hub)?.Workloads.GetValueOrDefault(TwinKeys.Workload(sensor.Id))?.State == WorkloadState.Running, "the twin shows the workload running", TimeSpan.FromSeconds(30));
        Assert.Equal(3, Report(hub)!.AppliedVersion);
        Assert.Equal("raspberry-pi-4-4gb", Report(hub)!.Device?.Profile);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await agent.LogAsync(sensor.Id)).Length < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var (status, answer) = await hub.InvokeMethodAsync(AgentHarness.DeviceId, DirectMethods.GetLogs, new JsonObject { ["workload"] = sensor.Id.ToString(), ["tailLines"] = 2 });
        Assert.Equal(200, status);
        var logs = answer!["payload"]!.Deserialize(TopicJsonContext.Default.LogsResponse)!;
        Assert.Equal(2, logs.Lines.Count);
        Assert.All(logs.Lines, l => Assert.StartsWith("sensor reading=", l.Text, StringComparison.Ordinal));

        var (restarted, restart) = await hub.InvokeMethodAsync(AgentHarness.DeviceId, DirectMethods.RestartWorkload, new JsonObject { ["workload"] = sensor.Id.ToString() });
        Assert.Equal((200, 200), (restarted, restart!["status"]!.GetValue<int>()));
        var again = await agent.WaitForAsync(sensor.Id, s => s.State == WorkloadState.Running && s.StartedAt > first.StartedAt, "running again after the restart");
        Assert.Equal(sensor.PodUid, again.PodUid);
        var (_, unknown) = await hub.InvokeMethodAsync(AgentHarness.DeviceId, DirectMethods.RestartWorkload, new JsonObject { ["workload"] = "default/nope/main" });
        Assert.Equal(404, unknown!["status"]!.GetValue<int>());

        await agent.StopAsync();
        await Eventually.TrueAsync(() => hub.ClosedConnections.Any(c => c.Reason.Contains("DISCONNECT", StringComparison.Ordinal)), "the agent said goodbye");
    }

    [Theory]
    [InlineData("Agent:IotHub", "HostName=h.azure-devices.net;DeviceId=pi-1;SharedAccessKey=" + Key, "give only one of --desired FILE, --mqtt URL and --iothub")]
    public async Task TwoSources_AreRefused(string key, string value, string expected) =>
        await AssertRefusedAsync(new() { [key] = value }, expected);

    [Theory]
    [InlineData("HostName=h.azure-devices.net;DeviceId=pi-2;SharedAccessKey=" + Key, "--iothub: the connection string is for device 'pi-2', not --device 'pi-1'")]
    [InlineData("HostName=h.azure-devices.net;SharedAccessKeyName=owner;SharedAccessKey=" + Key, "--iothub: the IoT Hub connection string names a shared access policy")]
    [InlineData("HostName=h.azure-devices.net;DeviceId=pi-1;x509=true", "--iothub: the IoT Hub connection string says x509=true")]
    [InlineData("nonsense", "--iothub: the IoT Hub connection string has a part without a name")]
    public async Task ABadConnectionString_IsRefused_SayingWhy(string connectionString, string expected) =>
        await AssertRefusedAsync(new() { ["Agent:DesiredFile"] = null, ["Agent:IotHub"] = connectionString }, expected);

    [Fact]
    public async Task ACertificateDevice_NeedsItsCertificateAndKey()
    {
        await AssertRefusedAsync(new() { ["Agent:DesiredFile"] = null, ["Agent:IotHubHost"] = "h.azure-devices.net" }, "--iothub-host: --iothub-host needs --iothub-cert and --iothub-key");
        await AssertRefusedAsync(new() { ["Agent:DesiredFile"] = null, ["Agent:IotHubHost"] = "h.azure-devices.net", ["Agent:IotHubCertificate"] = "/no/cert.pem", ["Agent:IotHubKey"] = "/no/key.pem" }, "--iothub-cert: /no/cert.pem does not exist");
    }

    private static TwinReport? Report(IotHubEmulator hub) =>
        hub.GetTwin(AgentHarness.DeviceId)["properties"]!["reported"]![TwinReport.PropertyName]?.Deserialize(IotHubJsonContext.Default.TwinReport);

    private static async Task AssertRefusedAsync(Dictionary<string, string?> overrides, string expected)
    {
        using var folder = new TempDirectory("edgewasm-agent");
        var settings = new Dictionary<string, string?>
        {
            ["Agent:DeviceId"] = "pi-1",
            ["Agent:DataDirectory"] = folder.Combine("data"),
            ["Agent:DesiredFile"] = folder.Combine("desired.json"),
            ["Profile:Name"] = "raspberry-pi-4-4gb",
        };
        foreach (var (key, value) in overrides) settings[key] = value;
        using var error = new StringWriter();

        var exitCode = await AgentHost.RunAsync([], settings.Where(s => s.Value is not null), error, CancellationToken.None);

        Assert.Equal(AgentHost.BadConfiguration, exitCode);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
