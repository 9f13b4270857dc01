namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>metav1.Preconditions: a delete only proceeds when the object still has this uid / version.</summary>
internal sealed record Preconditions : KubeModel
{
    /// <summary>Expected uid.</summary>
    public string? Uid { get; init; }

    /// <summary>Expected resourceVersion.</summary>
    public string? ResourceVersion { get; init; }
}
