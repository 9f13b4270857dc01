using System.Diagnostics;
using System.Text.Json;
using EdgeWasm.CloudBridge.StaticPods;

namespace EdgeWasm.Cli.Demo;

/// <summary>
/// A real cluster through kubectl (docs/demo.md): the demo applies its rewritten example pods, reads the table from the
/// pods and the EdgeWasm nodes, and deletes the pods when it ends. kubectl is what a user would use, so the demo shows
/// nothing the cluster itself does not.
/// </summary>
internal sealed class KubectlCluster(string kubeconfig, string? context) : IStatusSource
{
    /// <summary>The label every example pod carries.</summary>
    public const string ExampleSelector = "app.kubernetes.io/part-of=edgewasm-examples";

    /// <summary><c>kubectl apply -f DIR</c>.</summary>
    public Task ApplyAsync(string manifests, CancellationToken cancellationToken) => RunAsync(["apply", "-f", manifests], cancellationToken);

    /// <summary><c>kubectl delete -f DIR --ignore-not-found --wait=false</c>.</summary>
    public Task DeleteAsync(string manifests, CancellationToken cancellationToken) =>
        RunAsync(["delete", "-f", manifests, "--ignore-not-found", "--wait=false"], cancellationToken);

    /// <inheritdoc />
    public async Task<StatusSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        using var nodes = JsonDocument.Parse(await RunAsync(["get", "nodes", "-l", "edgewasm.io/device", "-o", "json"], cancellationToken));
        using var pods = JsonDocument.Parse(await RunAsync(["get", "pods", "-l", ExampleSelector, "-o", "json"], cancellationToken));
        var nodeRows = nodes.RootElement.GetProperty("items").EnumerateArray().Select(NodeRowOf).ToList();
        var podRows = pods.RootElement.GetProperty("items").EnumerateArray().Select(p => PodRowOf(p, nodeRows)).ToList();
        return new StatusSnapshot(DateTimeOffset.UtcNow, nodeRows, podRows, []);
    }

    private static NodeRow NodeRowOf(JsonElement node)
    {
        var name = node.GetProperty("metadata").GetProperty("name").GetString()!;
        var ready = Conditions(node).FirstOrDefault(c => Text(c, "type") == "Ready");
        var labels = node.GetProperty("metadata").TryGetProperty("labels", out var l) ? l : default;
        return new NodeRow(name, name, labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty("edgewasm.io/profile", out var p) ? p.GetString() ?? "" : "",
            ready.ValueKind == JsonValueKind.Object ? Text(ready, "status") ?? "Unknown" : "Unknown", ready.ValueKind == JsonValueKind.Object ? Text(ready, "reason") : null,
            ready.ValueKind == JsonValueKind.Object && DateTimeOffset.TryParse(Text(ready, "lastHeartbeatTime"), System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null,
            null);
    }

    private static PodRow PodRowOf(JsonElement pod, List<NodeRow> nodes)
    {
        var metadata = pod.GetProperty("metadata");
        var nodeName = pod.GetProperty("spec").TryGetProperty("nodeName", out var n) ? n.GetString() ?? "" : "";
        var status = pod.TryGetProperty("status", out var s) ? s : default;
        var phase = status.ValueKind == JsonValueKind.Object ? Text(status, "phase") ?? "Pending" : "Pending";
        string? reason = status.ValueKind == JsonValueKind.Object ? Text(status, "reason") : null;
        var restarts = 0;
        var ready = 0;
        var total = 0;
        if (status.ValueKind == JsonValueKind.Object && status.TryGetProperty("containerStatuses", out var containers))
        {
            foreach (var container in containers.EnumerateArray())
            {
                total++;
                restarts += container.GetProperty("restartCount").GetInt32();
                if (container.TryGetProperty("ready", out var r) && r.GetBoolean()) ready++;
                if (reason is null && container.TryGetProperty("state", out var state))
                {
                    foreach (var kind in new[] { "waiting", "terminated" })
                    {
                        if (state.TryGetProperty(kind, out var detail)) reason ??= Text(detail, "reason");
                    }
                }
            }
        }

        var node = nodes.FirstOrDefault(x => x.Name == nodeName);
        if (metadata.TryGetProperty("deletionTimestamp", out _)) phase = "Terminating";
        return new PodRow(Text(metadata, "namespace") ?? "default", Text(metadata, "name")!, nodeName, nodeName, phase, reason,
            $"{ready}/{total}", restarts, node?.Ready == "True", node?.LastSeen, null, null);
    }

    private static JsonElement[] Conditions(JsonElement node) =>
        node.TryGetProperty("status", out var s) && s.TryGetProperty("conditions", out var c) ? [.. c.EnumerateArray()] : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<string> RunAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        if (context is not null)
        {
            start.ArgumentList.Add("--context");
            start.ArgumentList.Add(context);
        }

        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("--kubeconfig needs kubectl on the PATH", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0
                ? await output
                : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {(await error).Trim()}");
        }
    }
}
