using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.TestSupport.ApiServer;
using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>
/// One bridge process, many devices: 200 simulated devices (one MQTT connection speaks for them) each get a node,
/// a lease and a running pod, with the production periods (leases every 10 s, node status at least every minute).
/// The bridge runs as its own process, so its memory is its own. The figures are printed, not asserted.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class ScaleTests(ITestOutputHelper output)
{
    private static readonly int Devices = int.TryParse(Environment.GetEnvironmentVariable("EDGEWASM_SCALE_DEVICES"), out var n) ? n : 200;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Category", "Scale")]
    public async Task HundredsOfDevices_OneBridge_EveryNodeReadyEveryLeaseRenewedEveryPodRunning()
    {
        using var dir = new TempDirectory("bridge-scale");
        await using var broker = await MosquittoFixture.StartAsync();
        await using var api = KubeApiServerDouble.Start(new ApiServerOptions { HistoryCapacity = 100_000 });
        await using var devices = await DeviceSimulator.StartAsync(broker, TimeSpan.FromSeconds(10));
        devices.OnDesired = (sim, desired) => sim.RunAllAsync(desired);
        var kubeconfig = dir.Combine("kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, api.Kubeconfig());
        using var bridge = StartBridge(broker, kubeconfig, dir.Combine("data"), FreePort.Next(), out var log);
        try
        {
            await BridgeEnvironment.EventuallyAsync(() => log.ToString().Contains("Application started", StringComparison.Ordinal), "bridge start", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(3));
            var idleRss = Rss(bridge.Id);

            var started = Stopwatch.StartNew();
            var ids = Enumerable.Range(1, Devices).Select(i => $"dev-{i:D3}").ToList();
            foreach (var id in ids) await devices.AnnounceAsync(id, BridgeEnvironment.Profile);
            foreach (var id in ids) api.Create("v1", "pods", "default", System.Text.Json.Nodes.JsonNode.Parse(PodFlowTests.PodJson("app-" + id, node: id))!.AsObject());

            await BridgeEnvironment.EventuallyAsync(() => api.List("v1", "nodes", null).Count(n => Ready(n) == "True") == Devices, $"{Devices} nodes Ready", TimeSpan.FromMinutes(4));
            var nodesReady = started.Elapsed;
            await BridgeEnvironment.EventuallyAsync(() => api.List("v1", "pods", "default").Count(p => (string?)p["status"]!["phase"] == "Running") == Devices, $"{Devices} pods Running", TimeSpan.FromMinutes(4));
            var podsRunning = started.Elapsed;
            await BridgeEnvironment.EventuallyAsync(() => api.List("coordination.k8s.io/v1", "leases", KubeResources.NodeLeaseNamespace).Count == Devices, $"{Devices} leases");
            Assert.All(ids, id => Assert.Single(devices.Received(id)[^1].Workloads));

            // Steady state: count what the bridge asks of the API server over a window.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var before = api.Requests.Count;
            var leases = Leases(api);
            await Task.Delay(Window);
            var window = api.Requests.Skip(before).ToList();
            var rss = Rss(bridge.Id);
            Assert.All(Leases(api), l => Assert.True(l.Value > leases[l.Key], $"lease {l.Key} was not renewed in {Window.TotalSeconds} s"));
            Assert.DoesNotContain(" fail: ", log.ToString(), StringComparison.Ordinal);

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"{Devices} devices, 1 pod each, one bridge process (production periods)");
            report.AppendLine(CultureInfo.InvariantCulture, $"  all nodes Ready after {nodesReady.TotalSeconds:F1} s, all pods Running after {podsRunning.TotalSeconds:F1} s");
            report.AppendLine(CultureInfo.InvariantCulture, $"  bridge RSS: idle {idleRss / 1048576.0:F1} MiB, with {Devices} devices {rss / 1048576.0:F1} MiB ({(rss - idleRss) / 1024.0 / Devices:F1} KiB per device)");
            report.AppendLine(CultureInfo.InvariantCulture, $"  steady state over {Window.TotalSeconds:F0} s: {window.Count / Window.TotalSeconds:F2} requests/s to the API server");
            foreach (var group in window.GroupBy(Kind).OrderByDescending(g => g.Count()))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"    {group.Key,-28} {group.Count() / Window.TotalSeconds,7:F2}/s");
            }

            output.WriteLine(report.ToString());
            await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "bridge-scale.txt"), report.ToString());
        }
        catch
        {
            output.WriteLine(log.ToString());
            throw;
        }
        finally
        {
            Stop(bridge);
        }
    }

    private static Process StartBridge(MosquittoFixture broker, string kubeconfig, string data, int port, out StringBuilder log)
    {
        var info = new ProcessStartInfo(DotNetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "EdgeWasm.CloudBridge.dll"),
            "--Mqtt", $"mqtt://{broker.Host}:{broker.Port}", "--Kubeconfig", kubeconfig, "--DataDir", data, "--Listen", $"127.0.0.1:{port}",
            "--MqttClientId", "bridge-scale", "--Profiles", Path.Combine(AppContext.BaseDirectory, "profiles"),
        })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("the bridge did not start");
        var text = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (text) text.AppendLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (text) text.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log = text;
        return process;
    }

    private static void Stop(Process process)
    {
        if (process.HasExited) return;
        Posix.Signal(process.Id, Posix.SIGTERM);
        if (!process.WaitForExit(TimeSpan.FromSeconds(15))) process.Kill(entireProcessTree: true);
    }

    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static Dictionary<string, DateTimeOffset> Leases(KubeApiServerDouble api) =>
        api.List("coordination.k8s.io/v1", "leases", KubeResources.NodeLeaseNamespace)
            .Select(l => l.Deserialize(KubeJsonContext.Default.Lease)!)
            .ToDictionary(l => l.Metadata.Name!, l => l.Spec.RenewTime!.Value);

    private static string? Ready(System.Text.Json.Nodes.JsonObject node) =>
        ((System.Text.Json.Nodes.JsonArray?)node["status"]?["conditions"])?.FirstOrDefault(c => (string?)c!["type"] == "Ready")?["status"]?.GetValue<string>();

    // "PUT leases", "PUT nodes/status", "GET pods (watch)", ...
    private static string Kind(RecordedRequest r)
    {
        var path = r.Target.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = path.Length switch
        {
            _ when path.Contains("leases") => "leases",
            _ when path.Contains("events") => "events",
            _ when path.Contains("nodes") => path[^1] == "status" ? "nodes/status" : "nodes",
            _ when path.Contains("pods") => path[^1] == "status" ? "pods/status" : "pods",
            _ => string.Join('/', path),
        };
        var watch = r.Target.Contains("watch=1", StringComparison.Ordinal) ? " (watch)" : "";
        return $"{r.Method} {resource}{watch}";
    }
}
