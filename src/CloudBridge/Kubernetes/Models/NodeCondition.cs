namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 NodeCondition.</summary>
internal sealed record NodeCondition : KubeModel
{
    /// <summary>Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.</summary>
    public required string Type { get; init; }

    /// <summary>True, False or Unknown.</summary>
    public required string Status { get; init; }

    /// <summary>Last time the condition was confirmed.</summary>
    public DateTimeOffset? LastHeartbeatTime { get; init; }

    /// <summary>Last time the status changed.</summary>
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Machine-readable reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }
}
