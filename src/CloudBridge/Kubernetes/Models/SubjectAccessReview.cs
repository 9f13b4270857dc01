namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>authorization.k8s.io/v1 SubjectAccessReview: asks the API server whether a user may do something.</summary>
internal sealed record SubjectAccessReview : KubeObject
{
    /// <summary>A review with its type information set.</summary>
    public SubjectAccessReview()
    {
        ApiVersion = "authorization.k8s.io/v1";
        Kind = "SubjectAccessReview";
    }

    /// <summary>Who wants to do what.</summary>
    public SubjectAccessReviewSpec Spec { get; set; } = new();

    /// <summary>The answer, filled in by the server.</summary>
    public SubjectAccessReviewStatus? Status { get; init; }
}
