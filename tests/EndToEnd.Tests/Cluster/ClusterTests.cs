using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.EndToEnd.Tests.Cluster;

/// <summary>
/// The whole chain: pods created in the API server double, the real bridge, real mosquitto and registry, real agents
/// in child processes running the examples compiled from C. Each test uses its own devices (and so its own nodes);
/// the tests of this class share the fixture and run one after another. Waits are generous (CI runs everything at
/// once on two cores); the figures are printed, not asserted.
/// </summary>
public sealed partial class ClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Pod_RunsOnItsDevice_ShowsItsStatus_ServesItsLogs_AndGoesWhenDeleted()
    {
        using var agent = await StartDeviceAsync("e2e-run");

        var first = Stopwatch.StartNew();
        cluster.CreateExample("sensor-average", "sensor-run", agent.DeviceId);
        await Eventually.TrueAsync(() => Phase("sensor-run") == "Running", "sensor-run Running", Patience);
        output.WriteLine($"pod created -> Running (module pulled): {first.Elapsed.TotalSeconds:0.00} s");

        // The same module again: cached on the device, so this is the bridge, the broker and the agent alone.
        var cached = Stopwatch.StartNew();
        cluster.CreateExample("sensor-average", "sensor-run-2", agent.DeviceId);
        await Eventually.TrueAsync(() => Phase("sensor-run-2") == "Running", "sensor-run-2 Running", Patience);
        output.WriteLine($"pod created -> Running (module cached): {cached.Elapsed.TotalSeconds:0.00} s");
        Assert.True(cached.Elapsed < TimeSpan.FromSeconds(30), $"a pod with a cached module took {cached.Elapsed}");

        // kubectl logs: the kubelet API over HTTPS answers with the workload's stdout, fetched from the device.
        string logs = "";
        await Eventually.TrueAsync(() =>
        {
            var (status, body) = cluster.KubeletGetAsync("/containerLogs/default/sensor-run/sensor-average?tailLines=5").GetAwaiter().GetResult();
            logs = body;
            return status == HttpStatusCode.OK && body.Contains("greenhouse: reading", StringComparison.Ordinal);
        }, "the logs show the sensor's readings", Patience);
        output.WriteLine(logs);
        Assert.All(logs.TrimEnd('\n').Split('\n'), line => Assert.Matches("^greenhouse: reading -?[0-9.]+ C, average of last [0-9]+ -?[0-9.]+ C$", line));

        cluster.Api.Delete("v1", "pods", "default", "sensor-run", gracePeriodSeconds: 30);
        await Eventually.TrueAsync(() => cluster.Pod("sensor-run") is null, "the deleted pod is gone", Patience);
        Assert.Contains("Removed workload default/sensor-run/sensor-average", agent.Process!.Output, StringComparison.Ordinal);
        Assert.Equal("Running", Phase("sensor-run-2"));
    }

    [Fact]
    public async Task HttpHello_AnswersOnTheSocketTheAgentOpensForItsContainerPort()
    {
        using var agent = await StartDeviceAsync("e2e-http");
        var port = FreePort.Next();
        cluster.CreateExample("http-hello", "http-hello-e2e", agent.DeviceId, port);
        await Eventually.TrueAsync(() => Phase("http-hello-e2e") == "Running", "http-hello Running", Patience);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        string first = "";
        await Eventually.TrueAsync(() =>
        {
            try
            {
                first = http.GetStringAsync(new Uri("/", UriKind.Relative)).GetAwaiter().GetResult();
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "http-hello answers", Patience);
        var second = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri("/nope", UriKind.Relative));

        // NODE_NAME comes from the pod's fieldRef spec.nodeName, which the bridge resolves.
        Assert.Matches("^hello from wasm on e2e-http, request [0-9]+\n$", first);
        Assert.Matches("^hello from wasm on e2e-http, request [0-9]+\n$", second);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Limits_AndACrashLoop_ShowAsTheirReasons_AndAJobSucceeds()
    {
        using var agent = await StartDeviceAsync("e2e-limits");
        cluster.CreateExample("memory-hog", "hog-limits", agent.DeviceId);
        cluster.CreateExample("spinner", "spinner-limits", agent.DeviceId);
        cluster.CreateExample("crasher", "crasher-limits", agent.DeviceId);
        cluster.CreateExample("prime-job", "job-limits", agent.DeviceId);

        await Eventually.TrueAsync(() => Phase("hog-limits") == "Failed" && Terminated("hog-limits")?["reason"]?.GetValue<string>() == "OOMKilled", "memory-hog OOMKilled", Patience);
        Assert.Equal(137, Terminated("hog-limits")!["exitCode"]!.GetValue<int>());
        await Eventually.TrueAsync(() => Phase("spinner-limits") == "Failed" && Terminated("spinner-limits")?["reason"]?.GetValue<string>() == "FuelExhausted", "spinner FuelExhausted", Patience);
        await Eventually.TrueAsync(() => Phase("job-limits") == "Succeeded", "prime-job Succeeded", Patience);
        Assert.Equal("Completed", Terminated("job-limits")!["reason"]!.GetValue<string>());

        await Eventually.TrueAsync(() => Waiting("crasher-limits") == "CrashLoopBackOff" && Restarts("crasher-limits") >= 1, "crasher in CrashLoopBackOff", Patience);
        var seen = Restarts("crasher-limits");
        await Eventually.TrueAsync(() => Restarts("crasher-limits") > seen, "the crasher's restartCount grows", Patience);
        output.WriteLine($"crasher restartCount {seen} -> {Restarts("crasher-limits")}");
    }

    [Fact]
    public async Task Device_GoesOffline_KeepsItsPods_ThenRestartsWhileTheBrokerIsDown_ResumesAndReportsInOrder()
    {
        using var agent = await StartDeviceAsync("e2e-offline");
        cluster.CreateExample("sensor-average", "sensor-offline", agent.DeviceId);
        cluster.CreateExample("crasher", "crasher-offline", agent.DeviceId);
        await Eventually.TrueAsync(() => Phase("sensor-offline") == "Running" && Restarts("crasher-offline") >= 1, "both pods report", Patience);

        // Power cut: no goodbye; the bridge notices from the last will or the missing heartbeats (timeout 8 s).
        var silent = Stopwatch.StartNew();
        await agent.KillAsync();
        await Eventually.TrueAsync(() => cluster.NodeReady(agent.DeviceId) == "Unknown", "the node goes Unknown", Patience);
        output.WriteLine($"agent killed -> node Ready=Unknown: {silent.Elapsed.TotalSeconds:0.00} s (heartbeat timeout 8 s)");
        await Eventually.TrueAsync(() => Condition("sensor-offline", "edgewasm.io/DeviceReachable") == "False", "the pod's DeviceReachable goes False", Patience);
        Assert.Equal("Running", Phase("sensor-offline"));
        var restartsBefore = Restarts("crasher-offline");

        // The broker goes down too, and the agent starts again without it: its workloads resume from the store.
        await cluster.Broker.StopAsync();
        try
        {
            agent.Start();
            await agent.Process!.WaitForOutputAsync("Workload default/sensor-offline/sensor-average started", Patience);
            // The crasher keeps crashing offline; its status changes queue in the agent's outbox.
            await Eventually.TrueAsync(() => RestartNumbers(agent.Process.Output).Count >= 2, "the crasher restarts offline", Patience);
        }
        finally
        {
            await cluster.Broker.StartAgainAsync();
        }

        var offlineRestarts = RestartNumbers(agent.Process.Output).Max();
        await Eventually.TrueAsync(() => cluster.NodeReady(agent.DeviceId) == "True", "the node is Ready again", Patience);
        await Eventually.TrueAsync(() => Restarts("crasher-offline") >= offlineRestarts, $"restartCount reaches the {offlineRestarts} restarts made offline", Patience);
        await Eventually.TrueAsync(() => Condition("sensor-offline", "edgewasm.io/DeviceReachable") == "True", "DeviceReachable True again", Patience);
        Assert.Equal("Running", Phase("sensor-offline"));

        // In order: every status the bridge wrote for the crasher has a restartCount no lower than the one before.
        var written = cluster.Api.Requests
            .Where(r => r.Method == "PUT" && r.Target.StartsWith("/api/v1/namespaces/default/pods/crasher-offline/status", StringComparison.Ordinal) && r.Body is not null)
            .Select(r => JsonNode.Parse(r.Body!)!["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<int>() ?? 0)
            .ToList();
        output.WriteLine($"restartCount written: {string.Join(", ", written)} (before the cut {restartsBefore}, offline up to {offlineRestarts})");
        Assert.Equal(written.Order().ToList(), written);
        Assert.Contains(written, c => c >= offlineRestarts);
    }

    [Fact]
    public async Task Device_Frozen_NodeGoesUnknownAfterTheHeartbeatTimeout_PodsKeepTheirStatus_AndAllIsBackWhenItThaws()
    {
        const int SigStop = 19, SigCont = 18;
        using var agent = await StartDeviceAsync("e2e-frozen");
        cluster.CreateExample("sensor-average", "sensor-frozen", agent.DeviceId);
        await Eventually.TrueAsync(() => Phase("sensor-frozen") == "Running", "sensor-frozen Running", Patience);

        // SIGSTOP: the connection stays open (no will), the heartbeats just stop, as with a hung device or a silent
        // network. Only the bridge's heartbeat timeout (8 s) can notice.
        var frozen = Stopwatch.StartNew();
        Posix.Signal(agent.Process!.Id, SigStop);
        try
        {
            await Eventually.TrueAsync(() => cluster.NodeReady(agent.DeviceId) == "Unknown", "the node goes Unknown", Patience);
            output.WriteLine($"agent frozen -> node Ready=Unknown: {frozen.Elapsed.TotalSeconds:0.00} s (heartbeat every 2 s, timeout 8 s)");
            await Eventually.TrueAsync(() => Condition("sensor-frozen", "edgewasm.io/DeviceReachable") == "False", "DeviceReachable False", Patience);
            Assert.Equal("Running", Phase("sensor-frozen"));
            Assert.Equal("sensor-average", Container("sensor-frozen")!["name"]!.GetValue<string>());
            Assert.NotNull(Container("sensor-frozen")!["state"]!["running"]);
        }
        finally
        {
            Posix.Signal(agent.Process.Id, SigCont);
        }

        await Eventually.TrueAsync(() => cluster.NodeReady(agent.DeviceId) == "True", "the node is Ready again", Patience);
        await Eventually.TrueAsync(() => Condition("sensor-frozen", "edgewasm.io/DeviceReachable") == "True", "DeviceReachable True again", Patience);
        Assert.Equal("Running", Phase("sensor-frozen"));
        Assert.Equal(0, Restarts("sensor-frozen"));
    }

    private async Task<DeviceAgent> StartDeviceAsync(string deviceId)
    {
        var agent = new DeviceAgent(deviceId, cluster.Mqtt);
        try
        {
            agent.Start();
            await Eventually.TrueAsync(() => cluster.NodeReady(deviceId) == "True", $"node {deviceId} is Ready", Patience);
            return agent;
        }
        catch
        {
            agent.Dispose();
            throw;
        }
    }

    private string? Phase(string pod) => cluster.Pod(pod)?["status"]?["phase"]?.GetValue<string>();

    private JsonNode? Container(string pod) => cluster.Pod(pod)?["status"]?["containerStatuses"]?[0];

    private JsonNode? Terminated(string pod) => Container(pod)?["state"]?["terminated"];

    private string? Waiting(string pod) => Container(pod)?["state"]?["waiting"]?["reason"]?.GetValue<string>();

    private int Restarts(string pod) => Container(pod)?["restartCount"]?.GetValue<int>() ?? 0;

    private string? Condition(string pod, string type) =>
        cluster.Pod(pod)?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c!["type"] == type)?["status"]?.GetValue<string>();

    private static List<int> RestartNumbers(string agentOutput) =>
        [.. RestartLine().Matches(agentOutput).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"crasher-offline/crasher restarts in \S+ \(restart (\d+)\)")]
    private static partial Regex RestartLine();
}
