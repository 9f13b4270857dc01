namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>metav1.DeleteOptions, sent as the body of a DELETE.</summary>
internal sealed record DeleteOptions : KubeModel
{
    /// <summary>apiVersion (v1).</summary>
    public string ApiVersion { get; set; } = "v1";

    /// <summary>kind (DeleteOptions).</summary>
    public string Kind { get; set; } = "DeleteOptions";

    /// <summary>Grace period; 0 deletes at once. Null uses the object's default.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>Conditions the object must meet for the delete to proceed.</summary>
    public Preconditions? Preconditions { get; init; }

    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; init; }
}
