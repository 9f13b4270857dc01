namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ContainerStateWaiting.</summary>
internal sealed record ContainerStateWaiting : KubeModel
{
    /// <summary>ContainerCreating, PodInitializing, CrashLoopBackOff, ErrImagePull, ImagePullBackOff, ...</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }
}
