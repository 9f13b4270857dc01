namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 KeyToPath.</summary>
internal sealed record KeyToPath : KubeModel
{
    /// <summary>The key in the ConfigMap or Secret.</summary>
    public required string Key { get; init; }

    /// <summary>Relative file path inside the volume.</summary>
    public required string Path { get; init; }

    /// <summary>File mode (ignored).</summary>
    public int? Mode { get; init; }
}
