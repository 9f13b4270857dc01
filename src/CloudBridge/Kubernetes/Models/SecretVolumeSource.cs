namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 SecretVolumeSource.</summary>
internal sealed record SecretVolumeSource : KubeModel
{
    /// <summary>Secret name.</summary>
    public string? SecretName { get; init; }

    /// <summary>Selected keys and their paths; all keys when null.</summary>
    public IReadOnlyList<KeyToPath>? Items { get; init; }

    /// <summary>File mode (ignored: WASI has no modes).</summary>
    public int? DefaultMode { get; init; }

    /// <summary>When true, a missing secret (or key) is not an error.</summary>
    public bool? Optional { get; init; }
}
