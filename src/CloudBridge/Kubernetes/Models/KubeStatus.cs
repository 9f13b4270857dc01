namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>metav1.Status: the body of every API error (and of some successful deletes).</summary>
internal sealed record KubeStatus : KubeModel
{
    /// <summary>apiVersion (v1).</summary>
    public string? ApiVersion { get; set; } = "v1";

    /// <summary>kind (Status).</summary>
    public string? Kind { get; set; } = "Status";

    /// <summary>Success or Failure.</summary>
    public string? Status { get; init; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; init; }

    /// <summary>Machine-readable reason: NotFound, AlreadyExists, Conflict, Expired, Gone, Invalid, ...</summary>
    public string? Reason { get; init; }

    /// <summary>Extra data about the reason.</summary>
    public StatusDetails? Details { get; init; }

    /// <summary>The HTTP status code this status stands for.</summary>
    public int? Code { get; init; }
}
