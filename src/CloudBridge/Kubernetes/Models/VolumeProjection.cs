using System.Text.Json;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 VolumeProjection (kept raw: only its shape is inspected).</summary>
internal sealed record VolumeProjection : KubeModel
{
    /// <summary>A bound service account token.</summary>
    public JsonElement? ServiceAccountToken { get; init; }

    /// <summary>A ConfigMap projection.</summary>
    public JsonElement? ConfigMap { get; init; }

    /// <summary>A downward API projection.</summary>
    public JsonElement? DownwardAPI { get; init; }

    /// <summary>A Secret projection.</summary>
    public JsonElement? Secret { get; init; }
}
