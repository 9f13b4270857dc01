namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>authentication.k8s.io/v1 TokenReview: asks the API server who a bearer token belongs to.</summary>
internal sealed record TokenReview : KubeObject
{
    /// <summary>A review with its type information set.</summary>
    public TokenReview()
    {
        ApiVersion = "authentication.k8s.io/v1";
        Kind = "TokenReview";
    }

    /// <summary>The token to check.</summary>
    public TokenReviewSpec Spec { get; set; } = new();

    /// <summary>The answer, filled in by the server.</summary>
    public TokenReviewStatus? Status { get; init; }
}
