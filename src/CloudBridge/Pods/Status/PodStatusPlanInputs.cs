using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods.Status;

/// <summary>Everything one status pass over a device's pods is planned from.</summary>
internal sealed record PodStatusPlanInputs
{
    /// <summary>The device's node.</summary>
    public required string NodeName { get; init; }

    /// <summary>Whether the device answers, and when it was last seen.</summary>
    public required DeviceLiveness Liveness { get; init; }

    /// <summary>The address the device reported (its pods' hostIP and podIP), when it reported one.</summary>
    public string? HostIP { get; init; }

    /// <summary>Every workload the device reported.</summary>
    public required IReadOnlyList<WorkloadStatus> Workloads { get; init; }

    /// <summary>The highest desired version the device stored.</summary>
    public required long AppliedVersion { get; init; }

    /// <summary>The version of the newest desired document for the device.</summary>
    public required long DesiredVersion { get; init; }

    /// <summary>Uids of the pods that newest document holds.</summary>
    public required IReadOnlySet<string> DesiredPodUids { get; init; }

    /// <summary>The pods bound to the node.</summary>
    public required IReadOnlyList<Pod> Pods { get; init; }

    /// <summary>Each pod's translation by uid (missing: not translated yet).</summary>
    public required Func<string, PodTranslation?> Translation { get; init; }

    /// <summary>What the loop remembers of each pod, by uid.</summary>
    public required IReadOnlyDictionary<string, PodMemory> Memory { get; init; }

    /// <summary>How long a pod being deleted on an offline device waits past its grace period before it is removed anyway (null: until the device returns).</summary>
    public TimeSpan? OfflineDeletionTimeout { get; init; }

    /// <summary>The time.</summary>
    public required DateTimeOffset Now { get; init; }
}
