namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ContainerStateRunning.</summary>
internal sealed record ContainerStateRunning : KubeModel
{
    /// <summary>When the current run started.</summary>
    public DateTimeOffset? StartedAt { get; init; }
}
