namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 EnvFromSource: every key of a ConfigMap or Secret as a variable.</summary>
internal sealed record EnvFromSource : KubeModel
{
    /// <summary>Prepended to every key.</summary>
    public string? Prefix { get; init; }

    /// <summary>The ConfigMap to read.</summary>
    public NamedSourceReference? ConfigMapRef { get; init; }

    /// <summary>The Secret to read.</summary>
    public NamedSourceReference? SecretRef { get; init; }
}
