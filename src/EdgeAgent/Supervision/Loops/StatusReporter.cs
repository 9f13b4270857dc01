using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// Writes the table's statuses to the store: the ones that changed since the last write, in one transaction (each with
/// its outbox entry, which the sync drains), and removals for workloads the table no longer has.
/// </summary>
internal sealed class StatusReporter(WorkloadTable table, AgentStore store) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<WorkloadId, WorkloadStatus> _written = [];
    private HashSet<WorkloadId>? _stored;

    /// <summary>Writes what changed. Serialized: the loop and the final flush at shutdown never overlap.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stored ??= [.. (await store.Workloads.GetAllAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Id)];
            var current = table.Snapshot().Workloads;
            var changed = current.Values
                .Select(StatusMapper.ToStatus)
                .Where(s => !_written.TryGetValue(s.Id, out var before) || before != s)
                .OrderBy(s => s.Id.ToString(), StringComparer.Ordinal)
                .ToList();
            if (changed.Count > 0)
            {
                await store.Workloads.SetManyAsync(changed, cancellationToken).ConfigureAwait(false);
                foreach (var status in changed)
                {
                    _written[status.Id] = status;
                    _stored.Add(status.Id);
                }
            }

            foreach (var gone in _stored.Where(id => !current.ContainsKey(id)).ToList())
            {
                await store.Workloads.RemoveAsync(gone, cancellationToken).ConfigureAwait(false);
                _stored.Remove(gone);
                _written.Remove(gone);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
