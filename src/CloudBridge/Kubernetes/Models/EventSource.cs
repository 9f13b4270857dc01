namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 EventSource.</summary>
internal sealed record EventSource : KubeModel
{
    /// <summary>Reporting component, e.g. <c>kubelet</c>.</summary>
    public string? Component { get; init; }

    /// <summary>Node name.</summary>
    public string? Host { get; init; }
}
