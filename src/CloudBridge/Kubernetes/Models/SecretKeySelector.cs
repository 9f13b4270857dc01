namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 SecretKeySelector.</summary>
internal sealed record SecretKeySelector : KubeModel
{
    /// <summary>Secret name in the pod's namespace.</summary>
    public string? Name { get; init; }

    /// <summary>The key.</summary>
    public required string Key { get; init; }

    /// <summary>When true, a missing secret or key leaves the variable out.</summary>
    public bool? Optional { get; init; }
}
