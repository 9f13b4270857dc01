namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 NodeStatus.</summary>
internal sealed record NodeStatus : KubeModel
{
    /// <summary>Total resources: cpu, memory, pods, ephemeral-storage.</summary>
    public IReadOnlyDictionary<string, Quantity>? Capacity { get; init; }

    /// <summary>What may be allocated to pods.</summary>
    public IReadOnlyDictionary<string, Quantity>? Allocatable { get; init; }

    /// <summary>Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.</summary>
    public IReadOnlyList<NodeCondition>? Conditions { get; init; }

    /// <summary>Addresses the API server uses to reach the node's kubelet API.</summary>
    public IReadOnlyList<NodeAddress>? Addresses { get; init; }

    /// <summary>Where the kubelet API listens.</summary>
    public NodeDaemonEndpoints? DaemonEndpoints { get; init; }

    /// <summary>Versions and identifiers of the node.</summary>
    public NodeSystemInfo? NodeInfo { get; init; }
}
