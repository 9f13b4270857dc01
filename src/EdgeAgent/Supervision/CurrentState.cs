using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>An immutable snapshot of every workload the supervisor knows, as the planner sees it.</summary>
internal sealed record CurrentState(IReadOnlyDictionary<WorkloadId, WorkloadEntry> Workloads)
{
    /// <summary>Nothing known yet.</summary>
    public static CurrentState Empty { get; } = new(new Dictionary<WorkloadId, WorkloadEntry>());

    /// <summary>The entry for <paramref name="id"/>, or null.</summary>
    public WorkloadEntry? Find(WorkloadId id) => Workloads.GetValueOrDefault(id);

    /// <summary>A state holding <paramref name="entries"/> (tests build states this way).</summary>
    public static CurrentState Of(params WorkloadEntry[] entries) => new(entries.ToDictionary(e => e.Id));
}
