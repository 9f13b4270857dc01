namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 NodeAddress.</summary>
internal sealed record NodeAddress : KubeModel
{
    /// <summary>Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.</summary>
    public required string Type { get; init; }

    /// <summary>The address.</summary>
    public required string Address { get; init; }
}
