using System.Text.Json;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 Volume: a name and exactly one source. Sources this client does not model stay in <see cref="KubeModel.Unknown"/>.</summary>
internal sealed record Volume : KubeModel
{
    /// <summary>Volume name, referenced by mounts.</summary>
    public required string Name { get; init; }

    /// <summary>A scratch directory.</summary>
    public EmptyDirVolumeSource? EmptyDir { get; init; }

    /// <summary>Files from a ConfigMap.</summary>
    public ConfigMapVolumeSource? ConfigMap { get; init; }

    /// <summary>Files from a Secret.</summary>
    public SecretVolumeSource? Secret { get; init; }

    /// <summary>A host directory (refused).</summary>
    public JsonElement? HostPath { get; init; }

    /// <summary>Projected sources (only the admission-injected service account volume is recognised).</summary>
    public ProjectedVolumeSource? Projected { get; init; }
}
