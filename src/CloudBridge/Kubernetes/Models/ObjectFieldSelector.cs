namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ObjectFieldSelector.</summary>
internal sealed record ObjectFieldSelector : KubeModel
{
    /// <summary>Schema version of the path (v1).</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Path of the field, e.g. <c>metadata.labels['app']</c>.</summary>
    public required string FieldPath { get; init; }
}
