namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>authentication.k8s.io/v1 TokenReviewStatus.</summary>
internal sealed record TokenReviewStatus : KubeModel
{
    /// <summary>Whether the token is valid.</summary>
    public bool Authenticated { get; init; }

    /// <summary>Who the token belongs to.</summary>
    public UserInfo? User { get; init; }

    /// <summary>Why it is not valid.</summary>
    public string? Error { get; init; }
}
