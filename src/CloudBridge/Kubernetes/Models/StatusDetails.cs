namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>metav1.StatusDetails.</summary>
internal sealed record StatusDetails : KubeModel
{
    /// <summary>Name of the object concerned.</summary>
    public string? Name { get; init; }

    /// <summary>API group of the object concerned.</summary>
    public string? Group { get; init; }

    /// <summary>Kind (resource) of the object concerned.</summary>
    public string? Kind { get; init; }

    /// <summary>UID of the object concerned.</summary>
    public string? Uid { get; init; }

    /// <summary>Individual causes, e.g. one per invalid field.</summary>
    public IReadOnlyList<StatusCause>? Causes { get; init; }

    /// <summary>Seconds the client should wait before retrying.</summary>
    public int? RetryAfterSeconds { get; init; }
}
