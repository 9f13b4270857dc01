namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 Lease: the node heartbeat.</summary>
internal sealed record Lease : KubeObject
{
    /// <summary>A lease with its type information set.</summary>
    public Lease()
    {
        ApiVersion = "coordination.k8s.io/v1";
        Kind = "Lease";
    }

    /// <summary>Holder and renew time.</summary>
    public LeaseSpec Spec { get; set; } = new();
}
