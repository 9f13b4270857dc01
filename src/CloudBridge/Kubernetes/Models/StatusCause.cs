namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>metav1.StatusCause.</summary>
internal sealed record StatusCause : KubeModel
{
    /// <summary>Machine-readable cause, e.g. FieldValueInvalid.</summary>
    public string? Reason { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; init; }

    /// <summary>The field concerned, e.g. <c>spec.containers[0].image</c>.</summary>
    public string? Field { get; init; }
}
