using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 DaemonEndpoint. Its one field is spelled <c>Port</c> on the wire.</summary>
internal sealed record DaemonEndpoint : KubeModel
{
    /// <summary>TCP port.</summary>
    [JsonPropertyName("Port")]
    public int Port { get; init; }
}
