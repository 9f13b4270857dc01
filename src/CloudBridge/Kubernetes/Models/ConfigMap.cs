namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ConfigMap.</summary>
internal sealed record ConfigMap : KubeObject
{
    /// <summary>A config map with its type information set.</summary>
    public ConfigMap()
    {
        ApiVersion = "v1";
        Kind = "ConfigMap";
    }

    /// <summary>UTF-8 values.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>Binary values (base64 on the wire).</summary>
    public IReadOnlyDictionary<string, byte[]>? BinaryData { get; init; }

    /// <summary>Whether data can no longer change.</summary>
    public bool? Immutable { get; init; }
}
