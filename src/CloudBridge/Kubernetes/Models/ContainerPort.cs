using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 ContainerPort.</summary>
internal sealed record ContainerPort : KubeModel
{
    /// <summary>Optional port name.</summary>
    public string? Name { get; init; }

    /// <summary>The port the container listens on.</summary>
    [JsonPropertyName("containerPort")]
    public int Port { get; init; }

    /// <summary>Port on the host (not used by EdgeWasm except equal to containerPort).</summary>
    public int? HostPort { get; init; }

    /// <summary>Host IP to bind the host port to.</summary>
    public string? HostIP { get; init; }

    /// <summary>TCP, UDP or SCTP.</summary>
    public string? Protocol { get; init; }
}
