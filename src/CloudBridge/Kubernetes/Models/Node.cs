namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Node.</summary>
internal sealed record Node : KubeObject
{
    /// <summary>A node with its type information set.</summary>
    public Node()
    {
        ApiVersion = "v1";
        Kind = "Node";
    }

    /// <summary>Taints and scheduling switches.</summary>
    public NodeSpec Spec { get; set; } = new();

    /// <summary>Capacity, conditions, addresses and system info.</summary>
    public NodeStatus? Status { get; init; }
}
