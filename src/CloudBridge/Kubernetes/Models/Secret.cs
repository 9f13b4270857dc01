namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Secret.</summary>
internal sealed record Secret : KubeObject
{
    /// <summary>A secret with its type information set.</summary>
    public Secret()
    {
        ApiVersion = "v1";
        Kind = "Secret";
    }

    /// <summary>Values (base64 on the wire).</summary>
    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only plain values, merged into data by the server.</summary>
    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    /// <summary>Opaque, kubernetes.io/dockerconfigjson, ...</summary>
    public string? Type { get; init; }

    /// <summary>Whether data can no longer change.</summary>
    public bool? Immutable { get; init; }
}
