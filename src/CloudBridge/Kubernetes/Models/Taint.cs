namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Taint.</summary>
internal sealed record Taint : KubeModel
{
    /// <summary>Taint key.</summary>
    public required string Key { get; init; }

    /// <summary>Taint value.</summary>
    public string? Value { get; init; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    public required string Effect { get; init; }

    /// <summary>When a NoExecute taint was added.</summary>
    public DateTimeOffset? TimeAdded { get; init; }
}
