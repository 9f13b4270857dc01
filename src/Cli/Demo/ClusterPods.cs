using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Config;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.StaticPods;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeWasm.Cli.Demo;

/// <summary>
/// A real cluster for <c>demo --kubeconfig</c> (docs/demo.md), through the bridge's own Kubernetes client, so the mode
/// needs no kubectl and is tested against the API server double: the demo creates its rewritten example pods, reads the
/// table from them and the EdgeWasm nodes, and deletes the pods when it ends.
/// </summary>
internal sealed class ClusterPods : IStatusSource, IDisposable
{
    /// <summary>The label every example pod carries.</summary>
    public const string ExampleSelector = "app.kubernetes.io/part-of=edgewasm-examples";

    private readonly KubeClient _client;
    private readonly TimeProvider _time;
    private readonly List<(string Namespace, string Name)> _created = [];

    public ClusterPods(string kubeconfig, string? context, TimeProvider time)
    {
        _time = time;
        _client = new KubeClient(KubeConfigLoader.FromFile(kubeconfig, context), new KubeClientOptions(), time, NullLogger<KubeClient>.Instance);
    }

    /// <summary>Creates every pod in the manifests folder; a pod of an earlier demo that is still there is an error that says what to do.</summary>
    /// <exception cref="InvalidOperationException">A manifest is broken, or the cluster refused a pod.</exception>
    public async Task ApplyAsync(string manifests, CancellationToken cancellationToken)
    {
        var set = ManifestReader.Read(manifests);
        if (set.Problems.Count > 0) throw new InvalidOperationException("the example manifests are broken: " + string.Join("; ", set.Problems));
        foreach (var (pod, file) in set.Pods)
        {
            var ns = pod.Metadata.Namespace ?? "default";
            try
            {
                await _client.CreateAsync(KubeResources.Pods, pod with { Metadata = pod.Metadata with { Namespace = ns } }, cancellationToken);
                _created.Add((ns, pod.Metadata.Name ?? ""));
            }
            catch (KubeApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException(
                    $"pod {ns}/{pod.Metadata.Name} ({Path.GetFileName(file)}) already exists, from an earlier demo: kubectl delete pods -l {ExampleSelector}", ex);
            }
            catch (KubeApiException ex)
            {
                throw new InvalidOperationException($"the cluster refused pod {ns}/{pod.Metadata.Name}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Deletes the pods this demo created (the bridge, still running, lets the devices stop them first).</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        foreach (var (ns, name) in _created)
        {
            await _client.DeleteAsync(KubeResources.Pods, ns, name, null, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<StatusSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        var nodes = await _client.ListAllAsync(KubeResources.Nodes, null, new ListOptions { LabelSelector = "edgewasm.io/device" }, cancellationToken);
        var pods = await _client.ListAllAsync(KubeResources.Pods, null, new ListOptions { LabelSelector = ExampleSelector }, cancellationToken);
        var nodeRows = nodes.Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).Select(NodeRowOf).ToList();
        var podRows = pods.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).Select(p => PodRowOf(p, nodeRows)).ToList();
        return new StatusSnapshot(_time.GetUtcNow(), nodeRows, podRows, []);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static NodeRow NodeRowOf(Node node)
    {
        var name = node.Metadata.Name ?? "";
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var labels = node.Metadata.Labels;
        return new NodeRow(name, labels?.GetValueOrDefault("edgewasm.io/device") ?? name, labels?.GetValueOrDefault("edgewasm.io/profile") ?? "",
            ready?.Status ?? "Unknown", ready?.Reason, ready?.LastHeartbeatTime, null);
    }

    private static PodRow PodRowOf(Pod pod, List<NodeRow> nodes)
    {
        var node = nodes.FirstOrDefault(n => n.Name == pod.Spec.NodeName);
        return PodRow.Of(pod, node?.Device ?? pod.Spec.NodeName ?? "", node?.Ready == "True", node?.LastSeen, lastEvent: null);
    }
}
