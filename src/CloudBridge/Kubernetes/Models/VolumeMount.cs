namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 VolumeMount.</summary>
internal sealed record VolumeMount : KubeModel
{
    /// <summary>The pod volume's name.</summary>
    public required string Name { get; init; }

    /// <summary>Where the container sees it.</summary>
    public required string MountPath { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>Mount only a sub-path of the volume (not supported).</summary>
    public string? SubPath { get; init; }

    /// <summary>Sub-path with variable expansion (not supported).</summary>
    public string? SubPathExpr { get; init; }

    /// <summary>Mount propagation mode (not supported unless None).</summary>
    public string? MountPropagation { get; init; }
}
