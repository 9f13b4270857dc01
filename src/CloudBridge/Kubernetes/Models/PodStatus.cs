using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>core/v1 PodStatus.</summary>
internal sealed record PodStatus : KubeModel
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; init; }

    /// <summary>Conditions: PodScheduled, Initialized, ContainersReady, Ready, and others' conditions.</summary>
    public IReadOnlyList<PodCondition>? Conditions { get; init; }

    /// <summary>Why the pod is in this phase, e.g. DeadlineExceeded.</summary>
    public string? Message { get; init; }

    /// <summary>Machine-readable reason for the phase.</summary>
    public string? Reason { get; init; }

    /// <summary>Address of the node the pod runs on.</summary>
    [JsonPropertyName("hostIP")]
    public string? HostIP { get; init; }

    /// <summary>All addresses of the node.</summary>
    [JsonPropertyName("hostIPs")]
    public IReadOnlyList<IPAddressEntry>? HostIPs { get; init; }

    /// <summary>The pod's address.</summary>
    [JsonPropertyName("podIP")]
    public string? PodIP { get; init; }

    /// <summary>All addresses of the pod.</summary>
    [JsonPropertyName("podIPs")]
    public IReadOnlyList<IPAddressEntry>? PodIPs { get; init; }

    /// <summary>When the kubelet (bridge) accepted the pod.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Status of the init containers, in spec order.</summary>
    public IReadOnlyList<ContainerStatus>? InitContainerStatuses { get; init; }

    /// <summary>Status of the containers, sorted by name.</summary>
    public IReadOnlyList<ContainerStatus>? ContainerStatuses { get; init; }

    /// <summary>Guaranteed, Burstable or BestEffort.</summary>
    public string? QosClass { get; init; }
}
