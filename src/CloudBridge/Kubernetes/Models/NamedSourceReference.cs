namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ConfigMapEnvSource / SecretEnvSource (same shape).</summary>
internal sealed record NamedSourceReference : KubeModel
{
    /// <summary>The object's name in the pod's namespace.</summary>
    public string? Name { get; init; }

    /// <summary>When true, a missing object is ignored.</summary>
    public bool? Optional { get; init; }
}
