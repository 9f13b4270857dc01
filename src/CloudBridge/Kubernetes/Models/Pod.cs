namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Pod.</summary>
internal sealed record Pod : KubeObject
{
    /// <summary>A pod with its type information set.</summary>
    public Pod()
    {
        ApiVersion = "v1";
        Kind = "Pod";
    }

    /// <summary>Desired behaviour.</summary>
    public PodSpec Spec { get; set; } = new();

    /// <summary>Observed state, written by the kubelet (here: the bridge).</summary>
    public PodStatus? Status { get; init; }
}
