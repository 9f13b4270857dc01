namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>authorization.k8s.io/v1 ResourceAttributes.</summary>
internal sealed record ResourceAttributes : KubeModel
{
    /// <summary>get, list, create, ...</summary>
    public string? Verb { get; init; }

    /// <summary>API group; empty for core.</summary>
    public string? Group { get; init; }

    /// <summary>API version.</summary>
    public string? Version { get; init; }

    /// <summary>e.g. nodes.</summary>
    public string? Resource { get; init; }

    /// <summary>e.g. proxy.</summary>
    public string? Subresource { get; init; }

    /// <summary>The object's name.</summary>
    public string? Name { get; init; }

    /// <summary>The object's namespace (empty for cluster-scoped).</summary>
    public string? Namespace { get; init; }
}
