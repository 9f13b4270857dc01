namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 EmptyDirVolumeSource.</summary>
internal sealed record EmptyDirVolumeSource : KubeModel
{
    /// <summary>"" (disk) or Memory.</summary>
    public string? Medium { get; init; }

    /// <summary>Size cap.</summary>
    public Quantity? SizeLimit { get; init; }
}
