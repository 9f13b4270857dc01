using EdgeWasm.CloudBridge.Kubernetes;
using EdgeWasm.CloudBridge.Kubernetes.Models;

namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>The node heartbeat Lease in kube-node-lease, shaped as the kubelet's: named after the node, held by it, owned by the Node.</summary>
internal static class NodeLeaseFactory
{
    /// <summary>A new lease for <paramref name="nodeName"/>, renewed now.</summary>
    public static Lease Create(string nodeName, string? nodeUid, DateTimeOffset now, int durationSeconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        return new Lease
        {
            Metadata = new ObjectMeta
            {
                Name = nodeName,
                Namespace = KubeResources.NodeLeaseNamespace,
                // Owned by the node, so deleting the node garbage-collects its lease.
                OwnerReferences = nodeUid is null ? null : [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid }],
            },
            Spec = new LeaseSpec { HolderIdentity = nodeName, LeaseDurationSeconds = durationSeconds, RenewTime = now },
        };
    }

    /// <summary>The lease renewed now (keeping its resourceVersion, for an optimistic update).</summary>
    public static Lease Renew(Lease lease, string nodeName, DateTimeOffset now, int durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease with { Spec = lease.Spec with { HolderIdentity = nodeName, LeaseDurationSeconds = durationSeconds, RenewTime = now } };
    }
}
