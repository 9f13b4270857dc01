using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods;

/// <summary>
/// The outcome of translating a pod: the workloads to run, or a rejection (the pod fails), plus containers
/// that must wait (a missing ConfigMap, say: the kubelet keeps such containers waiting and retries).
/// </summary>
internal sealed record PodTranslation
{
    /// <summary>Workloads ready to be sent to the device (init workloads first).</summary>
    public IReadOnlyList<WorkloadSpec> Workloads { get; init; } = [];

    /// <summary>Set when the pod asks for something EdgeWasm does not support; the pod is then Failed.</summary>
    public PodRejection? Rejection { get; init; }

    /// <summary>Containers that cannot start yet, by name, with the waiting reason and message to show.</summary>
    public IReadOnlyDictionary<string, ContainerWait> Waiting { get; init; } = new Dictionary<string, ContainerWait>();

    /// <summary>Warnings to record as events (e.g. an image pull secret that could not be read).</summary>
    public IReadOnlyList<PodEventRecord> Warnings { get; init; } = [];

    /// <summary>True when the pod is rejected.</summary>
    public bool IsRejected => Rejection is not null;

    /// <summary>True when every container translated.</summary>
    public bool IsComplete => Rejection is null && Waiting.Count == 0;
}
