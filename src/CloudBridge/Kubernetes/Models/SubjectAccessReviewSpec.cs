namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>authorization.k8s.io/v1 SubjectAccessReviewSpec.</summary>
internal sealed record SubjectAccessReviewSpec : KubeModel
{
    /// <summary>The request, described as an API request on a resource.</summary>
    public ResourceAttributes? ResourceAttributes { get; init; }

    /// <summary>The user.</summary>
    public string? User { get; init; }

    /// <summary>The user's groups.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Further attributes of the user.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra { get; init; }

    /// <summary>The user's uid.</summary>
    public string? Uid { get; init; }
}
