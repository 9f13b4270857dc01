namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 PodCondition.</summary>
internal sealed record PodCondition : KubeModel
{
    /// <summary>PodScheduled, Initialized, ContainersReady, Ready, or another component's type.</summary>
    public required string Type { get; init; }

    /// <summary>True, False or Unknown.</summary>
    public required string Status { get; init; }

    /// <summary>Last time the condition was probed.</summary>
    public DateTimeOffset? LastProbeTime { get; init; }

    /// <summary>Last time the status changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Machine-readable reason for the last transition.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }
}
