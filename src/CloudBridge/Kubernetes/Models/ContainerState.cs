namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ContainerState: at most one member is set.</summary>
internal sealed record ContainerState : KubeModel
{
    /// <summary>Not running yet.</summary>
    public ContainerStateWaiting? Waiting { get; init; }

    /// <summary>Running.</summary>
    public ContainerStateRunning? Running { get; init; }

    /// <summary>Ended.</summary>
    public ContainerStateTerminated? Terminated { get; init; }
}
