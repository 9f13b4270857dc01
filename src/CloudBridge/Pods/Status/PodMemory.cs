using System.Collections.Immutable;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.CloudBridge.Pods.Status;

/// <summary>What the status loop remembers of a pod between passes: the workloads it last saw (for event diffs) and the one-off events already recorded.</summary>
internal sealed record PodMemory(IReadOnlyList<WorkloadStatus> Workloads, ImmutableHashSet<string> Recorded)
{
    /// <summary>Nothing seen yet.</summary>
    public static PodMemory Empty { get; } = new([], ImmutableHashSet<string>.Empty);
}
