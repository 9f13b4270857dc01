using EdgeWasm.CloudBridge.Cluster;
using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Reconcile;

namespace EdgeWasm.CloudBridge.StaticPods;

/// <summary>Nodes in memory, for static pod mode: the same node objects a cluster would get, for the status file and the log.</summary>
internal sealed class MemoryNodeStore(TimeProvider time) : INodeStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private long _resourceVersion;

    /// <inheritdoc />
    public ChangeFeed Changes { get; } = new();

    /// <inheritdoc />
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Node? Get(string name)
    {
        lock (_gate) return _nodes.GetValueOrDefault(name);
    }

    /// <inheritdoc />
    public IReadOnlyList<Node> List()
    {
        lock (_gate) return [.. _nodes.Values];
    }

    /// <inheritdoc />
    public Task<Node?> GetFreshAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Get(name));

    /// <inheritdoc />
    public Task<Node> CreateAsync(Node node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            var name = node.Metadata.Name!;
            if (_nodes.ContainsKey(name)) throw new Kubernetes.KubeApiException($"node {name} already exists", System.Net.HttpStatusCode.Conflict, new KubeStatus { Reason = "AlreadyExists" });
            var stored = node with { Metadata = node.Metadata with { Uid = Guid.NewGuid().ToString(), CreationTimestamp = time.GetUtcNow(), ResourceVersion = Next() } };
            _nodes[name] = stored;
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<Node> UpdateAsync(Node node, CancellationToken cancellationToken) => Replace(node, status: false);

    /// <inheritdoc />
    public Task<Node> UpdateStatusAsync(Node node, CancellationToken cancellationToken) => Replace(node, status: true);

    private Task<Node> Replace(Node node, bool status)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            var name = node.Metadata.Name!;
            if (!_nodes.TryGetValue(name, out var old)) throw new Kubernetes.KubeApiException($"node {name} not found", System.Net.HttpStatusCode.NotFound, null);
            if (old.Metadata.ResourceVersion != node.Metadata.ResourceVersion) throw new Kubernetes.KubeConflictException($"node {name} has changed since it was read", null);
            // As the status subresource does: a status write changes only the status, an object write everything else.
            var stored = status
                ? old with { Status = node.Status, Metadata = old.Metadata with { ResourceVersion = Next() } }
                : node with { Status = old.Status, Metadata = node.Metadata with { Uid = old.Metadata.Uid, CreationTimestamp = old.Metadata.CreationTimestamp, ResourceVersion = Next() } };
            _nodes[name] = stored;
            return Task.FromResult(stored);
        }
    }

    private string Next() => (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
