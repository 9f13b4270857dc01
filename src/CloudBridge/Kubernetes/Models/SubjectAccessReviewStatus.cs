namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>authorization.k8s.io/v1 SubjectAccessReviewStatus.</summary>
internal sealed record SubjectAccessReviewStatus : KubeModel
{
    /// <summary>Whether the request is allowed.</summary>
    public bool Allowed { get; init; }

    /// <summary>Whether it is explicitly denied.</summary>
    public bool? Denied { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }

    /// <summary>An error of the authorizer.</summary>
    public string? EvaluationError { get; init; }
}
