namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ConfigMapKeySelector.</summary>
internal sealed record ConfigMapKeySelector : KubeModel
{
    /// <summary>ConfigMap name in the pod's namespace.</summary>
    public string? Name { get; init; }

    /// <summary>The key.</summary>
    public required string Key { get; init; }

    /// <summary>When true, a missing map or key leaves the variable out.</summary>
    public bool? Optional { get; init; }
}
