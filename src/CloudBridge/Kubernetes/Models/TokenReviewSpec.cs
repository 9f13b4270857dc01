namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>authentication.k8s.io/v1 TokenReviewSpec.</summary>
internal sealed record TokenReviewSpec : KubeModel
{
    /// <summary>The opaque bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>Audiences the token must be meant for; empty means the API server's.</summary>
    public IReadOnlyList<string>? Audiences { get; init; }
}
