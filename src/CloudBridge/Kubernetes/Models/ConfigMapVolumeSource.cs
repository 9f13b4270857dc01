namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ConfigMapVolumeSource.</summary>
internal sealed record ConfigMapVolumeSource : KubeModel
{
    /// <summary>ConfigMap name.</summary>
    public string? Name { get; init; }

    /// <summary>Selected keys and their paths; all keys when null.</summary>
    public IReadOnlyList<KeyToPath>? Items { get; init; }

    /// <summary>File mode (ignored: WASI has no modes).</summary>
    public int? DefaultMode { get; init; }

    /// <summary>When true, a missing map (or key) is not an error.</summary>
    public bool? Optional { get; init; }
}
