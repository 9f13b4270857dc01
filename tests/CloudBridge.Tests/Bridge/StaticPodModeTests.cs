using System.Net;
using System.Text.Json.Nodes;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Tests.Bridge;

/// <summary>Static pod mode: no cluster, pods from a folder of manifests, through the same translation and status path.</summary>
[Collection(BridgeCollection.Name)]
public sealed class StaticPodModeTests
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
            env:
            - name: SITE
              valueFrom: {configMapKeyRef: {name: site, key: name}}
            ports:
            - containerPort: 8080
            resources:
              limits: {cpu: 1, memory: 32Mi}
        """;

    private const string ConfigMapYaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: site}
        data: {name: north}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: nope}
        """;

    [Fact]
    public async Task Manifests_RunOnTheDevice_StatusGoesToTheFile_EditsReplaceAndRemovalsDelete()
    {
        await using var env = await BridgeEnvironment.StartAsync((o, dir) =>
        {
            Directory.CreateDirectory(dir.Combine("manifests"));
            File.WriteAllText(dir.Combine("manifests", "sensor.yaml"), PodYaml);
            File.WriteAllText(dir.Combine("manifests", "site.yaml"), ConfigMapYaml);
            o.Manifests = dir.Combine("manifests");
            o.StatusFile = dir.Combine("status.json");
            o.Devices = ["pi-1=raspberry-pi-4-4gb"];
        }, withCluster: false);
        await env.Devices.AnnounceAsync("pi-1", BridgeEnvironment.Profile);

        var desired = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 1);
        var workload = desired.Workloads[0];
        Assert.Equal(new WorkloadId("default", "sensor", "main"), workload.Id);
        Assert.Equal(new EdgeWasm.Protocol.Documents.EnvVar("SITE", "north"), Assert.Single(workload.Env));
        Assert.Equal(8080, workload.ListenPort);
        Assert.Equal(BridgeEnvironment.Profile.FuelPerCoreSecond, workload.Limits.FuelPerSecond);
        await env.Devices.RunAllAsync(desired);
        var status = await StatusAsync(env, s => Pods(s).Any(p => (string?)p["phase"] == "Running"));
        var row = Pods(status).Single();
        Assert.Equal(("sensor", "pi-1", "1/1", true), ((string?)row["name"], (string?)row["device"], (string?)row["ready"], (bool)row["deviceOnline"]!));
        Assert.Equal("True", (string?)status["nodes"]![0]!["ready"]);
        Assert.Contains(((JsonArray)status["problems"]!).Select(p => (string)p!), p => p.Contains("site.yaml (document 2)", StringComparison.Ordinal) && p.Contains("apps/v1", StringComparison.Ordinal));

        // Logs need no cluster either (static mode serves loopback without authentication).
        using (var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }))
        {
            env.Devices.Logs = (_, r) => new Protocol.Topics.LogsResponse { RequestId = r.RequestId, Workload = r.Workload, Lines = [new(DateTimeOffset.UtcNow, "stdout", "avg=20.0")] };
            var response = await http.GetAsync(new Uri($"https://127.0.0.1:{env.Port}/containerLogs/default/sensor/main"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("avg=20.0\n", await response.Content.ReadAsStringAsync());
        }

        // An edited file is a new pod (a new uid): the old one leaves the document and goes once the device stopped it.
        await File.WriteAllTextAsync(env.Dir.Combine("manifests", "sensor.yaml"), PodYaml.Replace("\"1\"]", "\"5\"]", StringComparison.Ordinal));
        var edited = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 1 && d.Workloads[0].PodUid != workload.PodUid);
        Assert.Equal(["--interval", "5"], edited.Workloads[0].Args);
        await env.Devices.RemovedAsync("pi-1", workload.Id);
        await env.Devices.RunAllAsync(edited);
        await StatusAsync(env, s => Pods(s).Count == 1 && (string?)Pods(s)[0]["phase"] == "Running");

        File.Delete(env.Dir.Combine("manifests", "sensor.yaml"));
        var emptied = await env.Devices.WaitForDesiredAsync("pi-1", d => d.Workloads.Count == 0);
        await StatusAsync(env, s => Pods(s).Count == 1 && (string?)Pods(s)[0]["phase"] == "Terminating");
        await env.Devices.AppliedAsync("pi-1", emptied.Version);
        await env.Devices.RemovedAsync("pi-1", workload.Id);
        await StatusAsync(env, s => Pods(s).Count == 0);
        env.AssertNoUnexpectedErrors(3721);
    }

    private static List<JsonNode> Pods(JsonNode status) => [.. ((JsonArray)status["pods"]!).Select(p => p!)];

    private static async Task<JsonNode> StatusAsync(BridgeEnvironment env, Func<JsonNode, bool> match)
    {
        return await BridgeEnvironment.EventuallyAsync(() =>
        {
            try
            {
                var node = JsonNode.Parse(File.ReadAllText(env.Options.StatusFile!));
                return node is not null && match(node) ? node : null;
            }
            catch (IOException)
            {
                return null;
            }
        }, "status file");
    }
}
