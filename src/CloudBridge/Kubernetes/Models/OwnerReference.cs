namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>metav1.OwnerReference.</summary>
internal sealed record OwnerReference : KubeModel
{
    /// <summary>Owner's apiVersion.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>Owner's kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Owner's name.</summary>
    public required string Name { get; init; }

    /// <summary>Owner's uid.</summary>
    public required string Uid { get; init; }

    /// <summary>Whether the owner is the managing controller.</summary>
    public bool? Controller { get; init; }

    /// <summary>Whether the owner cannot be deleted before this object.</summary>
    public bool? BlockOwnerDeletion { get; init; }
}
