using System.CommandLine;
using System.Text.Json.Nodes;
using EdgeWasm.Cli.Bridge;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Bridge;

/// <summary><c>edgewasm bridge</c>: flags to options, start-time validation, and a real run in static pod mode.</summary>
public sealed class BridgeCommandTests
{
    private sealed record Run(int ExitCode, string Output, string Error);

    private static async Task<Run> BridgeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand { BridgeCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(["bridge", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return new Run(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Bridge_WithoutMqtt_IsAUsageError()
    {
        var run = await BridgeAsync(["--manifests", "."]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--mqtt", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bridge_BadOptions_ListsEveryProblem_AndExits2()
    {
        using var dir = new TempDirectory("bridge-cli");

        var run = await BridgeAsync(["--mqtt", "mqtt://127.0.0.1:1", "--manifests", dir.Path, "--kubeconfig", dir.Combine("none"), "--device", "Bad_Id", "--heartbeat-timeout", "soon"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--heartbeat-timeout", run.Error, StringComparison.Ordinal);

        run = await BridgeAsync(["--mqtt", "mqtt://127.0.0.1:1", "--manifests", dir.Path, "--kubeconfig", dir.Combine("none"), "--device", "Bad_Id"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--manifests (static pod mode, no cluster) and --kubeconfig exclude each other", run.Error, StringComparison.Ordinal);
        Assert.Contains("--device: device id 'Bad_Id'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bridge_StaticPods_RunsUntilCancelled_AndWritesTheStatusFile()
    {
        using var dir = new TempDirectory("bridge-cli");
        await using var broker = await MosquittoFixture.StartAsync();
        Directory.CreateDirectory(dir.Combine("manifests"));
        await File.WriteAllTextAsync(dir.Combine("manifests", "pod.yaml"), """
            apiVersion: v1
            kind: Pod
            metadata: {name: sensor}
            spec:
              nodeName: pi-1
              containers: [{name: main, image: 127.0.0.1:1/sensors/avg:1.0}]
            """);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var status = dir.Combine("status.json");
        var running = BridgeAsync(["--mqtt", $"mqtt://{broker.Host}:{broker.Port}", "--manifests", dir.Combine("manifests"), "--device", "pi-1=raspberry-pi-4-4gb",
            "--data-dir", dir.Combine("data"), "--status-file", status, "--listen", $"127.0.0.1:{FreePort.Next()}", "--mqtt-client-id", "bridge-cli-test"], cts.Token);

        JsonNode? snapshot = null;
        // The node and the pod are written by different loops: wait for both (the file may show one first).
        while ((snapshot?["pods"] is not JsonArray { Count: 1 } || snapshot["nodes"] is not JsonArray { Count: 1 }) && !running.IsCompleted)
        {
            await Task.Delay(100);
            try
            {
                snapshot = File.Exists(status) ? JsonNode.Parse(await File.ReadAllTextAsync(status)) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                snapshot = null;
            }
        }

        await cts.CancelAsync();
        var run = await running;
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("pi-1", (string?)snapshot!["nodes"]![0]!["name"]);
        Assert.Equal("sensor", (string?)snapshot["pods"]![0]!["name"]);
        Assert.True(File.Exists(dir.Combine("data", "kubelet-ca.crt")));
    }
}
