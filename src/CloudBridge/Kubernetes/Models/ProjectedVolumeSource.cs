namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ProjectedVolumeSource.</summary>
internal sealed record ProjectedVolumeSource : KubeModel
{
    /// <summary>The projections.</summary>
    public IReadOnlyList<VolumeProjection>? Sources { get; init; }

    /// <summary>File mode (ignored).</summary>
    public int? DefaultMode { get; init; }
}
