using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 NodeSpec.</summary>
internal sealed record NodeSpec : KubeModel
{
    /// <summary>Pod CIDR (unused by EdgeWasm).</summary>
    [JsonPropertyName("podCIDR")]
    public string? PodCidr { get; init; }

    /// <summary>Cloud provider id.</summary>
    [JsonPropertyName("providerID")]
    public string? ProviderId { get; init; }

    /// <summary>Cordoned.</summary>
    public bool? Unschedulable { get; init; }

    /// <summary>Taints repelling pods that do not tolerate them.</summary>
    public IReadOnlyList<Taint>? Taints { get; init; }
}
