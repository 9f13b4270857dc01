using System.Text.Json;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 PodSecurityContext; only what translation inspects is modelled.</summary>
internal sealed record PodSecurityContext : KubeModel
{
    /// <summary>Kernel parameters (refused: there is no kernel namespace).</summary>
    public JsonElement? Sysctls { get; init; }
}
