using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeWasm.CloudBridge.Devices;
using EdgeWasm.CloudBridge.Hosting;
using EdgeWasm.CloudBridge.IotHub;
using EdgeWasm.CloudBridge.Tests.Bridge;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Profiles;
using EdgeWasm.Protocol.Topics;
using EdgeWasm.TestSupport;
using EdgeWasm.TestSupport.IotHub;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeWasm.CloudBridge.Tests.IotHub;

/// <summary>The bridge host built as <c>edgewasm bridge --iothub</c> builds it: pods to twins, twins to pod status, kubectl logs through getLogs.</summary>
public sealed class IotHubBridgeHostTests
{
    private const string PodYaml = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: sensor
        spec:
          nodeName: pi-1
          containers:
          - name: main
            image: 127.0.0.1:1/sensors/avg:1.0
            args: ["--interval", "1"]
        """;

    [Fact]
    public async Task StaticPods_GoThroughTheTwin_AndStatusAndLogsComeBack()
    {
        await using var hub = await IotHubEmulator.StartAsync();
        using var dir = new TempDirectory("bridge-iothub");
        Directory.CreateDirectory(dir.Combine("manifests"));
        await File.WriteAllTextAsync(dir.Combine("manifests", "sensor.yaml"), PodYaml);
        var logs = new CapturingLoggerProvider();
        var port = FreePort.Next();
        var options = new BridgeOptions
        {
            IotHub = hub.ServiceConnectionString(),
            IotHubCa = hub.CaFile,
            IotHubEndpoint = hub.ServiceEndpoint.ToString(),
            Manifests = dir.Combine("manifests"),
            StatusFile = dir.Combine("status.json"),
            Devices = ["pi-1=raspberry-pi-4-4gb"],
            DataDir = dir.Combine("data"),
            Listen = $"127.0.0.1:{port}",
            HeartbeatTimeoutSeconds = 2,
        };
        await using var bridge = BridgeHost.Build(options, BridgeEnvironment.FastTuning(logs));
        await bridge.StartAsync();
        Assert.IsType<IotHubDeviceLink>(bridge.Services.GetRequiredService<IDeviceChannel>());

        // The bridge made the identity when it first wrote the twin; the device connects with its key.
        var twin = await WaitForDesiredAsync(hub, "pi-1");
        using var stop = new CancellationTokenSource();
        var device = new IotHubDeviceClient(hub.DeviceOptions("pi-1"));
        var running = device.RunAsync(stop.Token);
        await device.Events.NextAsync<IotHubConnected>();
        var desired = DesiredTwin.Read((await device.GetTwinAsync(default)).Desired, "pi-1", 1 << 20).Document!;
        var workload = Assert.Single(desired.Workloads);
        Assert.Equal(["--interval", "1"], workload.Args);
        Assert.Equal(twin, desired.Version);
        await device.UpdateReportedAsync(Report(desired, workload), default);

        var status = await WaitForStatusAsync(options.StatusFile!, s => ((JsonArray)s["pods"]!).Any(p => (string?)p!["phase"] == "Running"));
        Assert.Equal("pi-1", (string?)status["pods"]![0]!["device"]);

        var answering = Task.Run(async () =>
        {
            var call = await device.Events.NextAsync<IotHubMethodCall>();
            var request = JsonSerializer.Deserialize(call.Payload, IotHubJsonContext.Default.LogsMethodRequest)!;
            var response = new LogsResponse { RequestId = call.RequestId, Workload = request.Workload, Lines = [new LogEntry(DateTimeOffset.UtcNow, "stdout", "avg=20.0")] };
            await device.RespondToMethodAsync(call.RequestId, 200, JsonSerializer.SerializeToUtf8Bytes(response, TopicJsonContext.Default.LogsResponse), default);
        });
        using (var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }))
        {
            var response = await http.GetAsync(new Uri($"https://127.0.0.1:{port}/containerLogs/default/sensor/main"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("avg=20.0\n", await response.Content.ReadAsStringAsync());
        }

        await answering;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Empty(logs.UnexpectedErrors());
    }

    [Fact]
    public void Options_NeedExactlyOneWayToTheDevices()
    {
        var both = new BridgeOptions { Mqtt = "mqtt://127.0.0.1", IotHub = "HostName=h.azure-devices.net;SharedAccessKeyName=p;SharedAccessKey=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", Manifests = "." };
        var device = new BridgeOptions { IotHub = "HostName=h.azure-devices.net;DeviceId=pi-1;SharedAccessKey=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", Manifests = "." };
        var neither = new BridgeOptions { Manifests = "." };

        Assert.Contains(both.Validate(), e => e.Contains("not both", StringComparison.Ordinal));
        Assert.Contains(device.Validate(), e => e.StartsWith("--iothub: ", StringComparison.Ordinal) && e.Contains("SharedAccessKeyName", StringComparison.Ordinal));
        Assert.Contains(neither.Validate(), e => e.Contains("--iothub CONNECTION_STRING", StringComparison.Ordinal));
    }

    private static JsonObject Report(DesiredState desired, WorkloadSpec workload)
    {
        var profile = new ProfileLoader(ProfileLoader.DefaultDirectory).Load("raspberry-pi-4-4gb");
        var report = new TwinReport
        {
            Stream = "s1",
            Sequence = 3,
            AppliedVersion = desired.Version,
            Device = new DeviceInfo { Arch = profile.Arch, Profile = profile.Name, Capacity = profile.Allocatable, AgentVersion = "0.1.0" },
            Workloads = new Dictionary<string, WorkloadStatus>
            {
                [TwinKeys.Workload(workload.Id)] = new() { Id = workload.Id, PodUid = workload.PodUid, State = WorkloadState.Running, StartedAt = DateTimeOffset.UtcNow },
            },
        };
        return new JsonObject { [TwinReport.PropertyName] = JsonSerializer.SerializeToNode(report, IotHubJsonContext.Default.TwinReport) };
    }

    private static async Task<long> WaitForDesiredAsync(IotHubEmulator hub, string deviceId)
    {
        long version = 0;
        await Eventually.TrueAsync(
            () =>
            {
                try
                {
                    version = hub.GetTwin(deviceId)["properties"]!["desired"]![DesiredTwin.PropertyName]?["version"]?.GetValue<long>() ?? 0;
                }
                catch (ArgumentException)
                {
                    // Not created yet.
                }

                return version > 0;
            },
            "the bridge wrote the desired document into the twin",
            TimeSpan.FromSeconds(30));
        return version;
    }

    private static async Task<JsonNode> WaitForStatusAsync(string file, Func<JsonNode, bool> match)
    {
        JsonNode? found = null;
        await Eventually.TrueAsync(
            () =>
            {
                try
                {
                    found = JsonNode.Parse(File.ReadAllText(file));
                    return found is not null && match(found);
                }
                catch (Exception ex) when (ex is IOException or JsonException)
                {
                    return false;
                }
            },
            "the status file shows the pod running",
            TimeSpan.FromSeconds(30));
        return found!;
    }
}
