namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>A top-level API object: type information plus object metadata.</summary>
internal abstract record KubeObject : KubeModel
{
    /// <summary>apiVersion, e.g. <c>v1</c> or <c>coordination.k8s.io/v1</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>kind, e.g. <c>Pod</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    public ObjectMeta Metadata { get; set; } = new();
}
