namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 PodIP / HostIP: one address.</summary>
internal sealed record IPAddressEntry : KubeModel
{
    /// <summary>The address.</summary>
    public required string Ip { get; init; }
}
