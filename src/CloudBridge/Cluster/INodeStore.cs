using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Reconcile;

namespace EdgeWasm.CloudBridge.Cluster;

/// <summary>The bridge's nodes: in the API server, or in memory in static pod mode.</summary>
internal interface INodeStore
{
    /// <summary>Announces the name of a node that changed (someone else edited or deleted it).</summary>
    ChangeFeed Changes { get; }

    /// <summary>Completes when the nodes are known.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);

    /// <summary>A node as last seen, or null.</summary>
    Node? Get(string name);

    /// <summary>Every node as last seen.</summary>
    IReadOnlyList<Node> List();

    /// <summary>The node as stored now, or null.</summary>
    Task<Node?> GetFreshAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates a node with its status.</summary>
    Task<Node> CreateAsync(Node node, CancellationToken cancellationToken);

    /// <summary>Replaces a node's metadata and spec; a stale resourceVersion is a conflict.</summary>
    Task<Node> UpdateAsync(Node node, CancellationToken cancellationToken);

    /// <summary>Replaces a node's status; a stale resourceVersion is a conflict.</summary>
    Task<Node> UpdateStatusAsync(Node node, CancellationToken cancellationToken);
}
