using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Reconcile;

namespace EdgeWasm.CloudBridge.Cluster;

/// <summary>
/// The pods the bridge runs and what they reference, wherever they come from: the API server (<see cref="KubePodStore"/>)
/// or manifest files in static pod mode. The pod loops see only this, so both modes go through the same path.
/// </summary>
internal interface IPodStore
{
    /// <summary>Announces the node whose pods changed.</summary>
    ChangeFeed Changes { get; }

    /// <summary>Starts following the pods bound to <paramref name="nodeName"/> (idempotent).</summary>
    void Track(string nodeName);

    /// <summary>Whether the pods of <paramref name="nodeName"/> are known (its first list is done).</summary>
    bool IsSynced(string nodeName);

    /// <summary>The pods bound to <paramref name="nodeName"/>, as last seen.</summary>
    IReadOnlyList<Pod> PodsOn(string nodeName);

    /// <summary>A pod as last seen on any followed node, or null.</summary>
    Pod? Find(string ns, string name);

    /// <summary>The pod as stored now (after a conflict), or null when it is gone.</summary>
    Task<Pod?> GetFreshAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>Writes a pod's status; a stale resourceVersion is a <see cref="Kubernetes.KubeConflictException"/>.</summary>
    Task<Pod> UpdateStatusAsync(Pod pod, PodStatus status, CancellationToken cancellationToken);

    /// <summary>Deletes a pod whose workloads stopped: grace period 0, only if its uid is still the same. False when it was gone.</summary>
    Task<bool> DeleteAsync(Pod pod, CancellationToken cancellationToken);

    /// <summary>A ConfigMap of <paramref name="ns"/>, or null when it does not exist.</summary>
    ValueTask<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>A Secret of <paramref name="ns"/>, or null when it does not exist.</summary>
    ValueTask<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken);
}
