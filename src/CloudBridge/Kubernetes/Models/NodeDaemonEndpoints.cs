namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 NodeDaemonEndpoints.</summary>
internal sealed record NodeDaemonEndpoints : KubeModel
{
    /// <summary>The kubelet API endpoint (logs, exec).</summary>
    public DaemonEndpoint? KubeletEndpoint { get; init; }
}
