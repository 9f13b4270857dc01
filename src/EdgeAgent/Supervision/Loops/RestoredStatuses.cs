using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// The statuses the store held when the agent started: a workload admitted in the first passes resumes from its own
/// (restart count, a job that already completed stays completed).
/// </summary>
internal sealed class RestoredStatuses(AgentStore store)
{
    private readonly Lock _gate = new();
    private Dictionary<WorkloadId, WorkloadStatus> _statuses = [];

    /// <summary>Reads them from the store.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await store.Workloads.GetAllAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate) _statuses = all.ToDictionary(s => s.Id);
    }

    /// <summary>The stored status of <paramref name="id"/>, handed out once.</summary>
    public WorkloadStatus? Take(WorkloadId id)
    {
        lock (_gate) return _statuses.Remove(id, out var status) ? status : null;
    }
}
