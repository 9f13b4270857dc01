using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>What the status of a pod is computed from, besides the pod itself.</summary>
internal sealed record PodStatusInputs
{
    /// <summary>The device's latest reported workloads (any pod's: the mapper picks this pod's by id and uid).</summary>
    public IReadOnlyList<WorkloadStatus> Workloads { get; init; } = [];

    /// <summary>The device's liveness.</summary>
    public required DeviceLiveness Device { get; init; }

    /// <summary>The device's address, when known.</summary>
    public string? HostIP { get; init; }

    /// <summary>The pod's translation: a rejection fails the pod; waits show on containers the device has not reported.</summary>
    public PodTranslation? Translation { get; init; }

    /// <summary>The current time.</summary>
    public required DateTimeOffset Now { get; init; }
}
