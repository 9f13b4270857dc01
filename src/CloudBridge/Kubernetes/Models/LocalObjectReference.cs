namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 LocalObjectReference: a name in the same namespace.</summary>
internal sealed record LocalObjectReference : KubeModel
{
    /// <summary>The referenced object's name.</summary>
    public string? Name { get; init; }
}
