namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>metav1.ObjectMeta.</summary>
internal sealed record ObjectMeta : KubeModel
{
    /// <summary>Object name, unique within its namespace.</summary>
    public string? Name { get; init; }

    /// <summary>Prefix the server uses to generate a unique name when <see cref="Name"/> is empty.</summary>
    public string? GenerateName { get; init; }

    /// <summary>Namespace; null for cluster-scoped objects.</summary>
    public string? Namespace { get; init; }

    /// <summary>Server-assigned unique id.</summary>
    public string? Uid { get; init; }

    /// <summary>Opaque version used for optimistic concurrency and watches.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Sequence number of the desired state (spec) generation.</summary>
    public long? Generation { get; init; }

    /// <summary>When the object was created.</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Set when a graceful deletion was requested.</summary>
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>The grace period of the requested deletion.</summary>
    public long? DeletionGracePeriodSeconds { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Annotations.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Owners, for garbage collection.</summary>
    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }

    /// <summary>Finalizers that must be removed before the object is deleted.</summary>
    public IReadOnlyList<string>? Finalizers { get; init; }
}
