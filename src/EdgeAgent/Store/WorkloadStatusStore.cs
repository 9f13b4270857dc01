using System.Text.Json;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Store;

/// <summary>
/// The current status of each workload. Every change is appended to the outbox in the same transaction, so the
/// cloud learns of exactly the changes that were committed, in commit order.
/// </summary>
internal sealed class WorkloadStatusStore
{
    private readonly StoreDatabase _database;
    private readonly Outbox _outbox;

    internal WorkloadStatusStore(StoreDatabase database, Outbox outbox)
    {
        _database = database;
        _outbox = outbox;
    }

    /// <summary>
    /// Stores <paramref name="status"/> and appends it to the outbox. Returns the outbox sequence, or null when the
    /// stored status was already exactly this one (a resync that changes nothing reports nothing).
    /// </summary>
    public async Task<long?> SetAsync(WorkloadStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        return (await SetManyAsync([status], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// <see cref="SetAsync"/> for several workloads in one transaction (one fsync): a reconcile pass that touches
    /// many workloads reports them together, in list order.
    /// </summary>
    public Task<IReadOnlyList<long?>> SetManyAsync(IReadOnlyList<WorkloadStatus> statuses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var rows = statuses.Select(s => (Workload: s.Id.ToString(), Json: JsonSerializer.Serialize(s, ProtocolJsonContext.Default.WorkloadStatus))).ToList();
        return _database.WriteAsync<IReadOnlyList<long?>>(Durability.Full, tx => [.. rows.Select(row => Set(tx, row.Workload, row.Json))], cancellationToken);
    }

    private long? Set(StoreTransaction tx, string workload, string json)
    {
        var stored = tx.Scalar("SELECT status FROM workload_status WHERE workload = $w", ("$w", workload)) as string;
        if (stored == json) return null;
        var sequence = _outbox.Append(tx, OutboxKind.WorkloadStatus, workload, json);
        tx.Execute(
            """
            INSERT INTO workload_status (workload, status, outbox_seq, updated_at) VALUES ($w, $status, $seq, $at)
            ON CONFLICT (workload) DO UPDATE SET status = excluded.status, outbox_seq = excluded.outbox_seq, updated_at = excluded.updated_at
            """,
            ("$w", workload), ("$status", json), ("$seq", sequence), ("$at", tx.NowMs));
        return sequence;
    }

    /// <summary>Forgets a workload and reports its removal. Returns the outbox sequence, or null when it was unknown.</summary>
    public Task<long?> RemoveAsync(WorkloadId id, CancellationToken cancellationToken)
    {
        var workload = id.ToString();
        return _database.WriteAsync<long?>(Durability.Full, tx =>
        {
            if (tx.Execute("DELETE FROM workload_status WHERE workload = $w", ("$w", workload)) == 0) return null;
            return _outbox.Append(tx, OutboxKind.WorkloadRemoved, workload, "{}");
        }, cancellationToken);
    }

    /// <summary>One workload's status, or null.</summary>
    public Task<WorkloadStatus?> GetAsync(WorkloadId id, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            tx => tx.Scalar("SELECT status FROM workload_status WHERE workload = $w", ("$w", id.ToString())) is string json ? Parse(json) : null,
            cancellationToken);

    /// <summary>Every stored status, ordered by workload id.</summary>
    public Task<IReadOnlyList<WorkloadStatus>> GetAllAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<WorkloadStatus>>(
            tx => tx.Query("SELECT status FROM workload_status ORDER BY workload", r => Parse(r.GetString(0))),
            cancellationToken);

    private static WorkloadStatus Parse(string json) =>
        JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.WorkloadStatus)
        ?? throw new StoreException("a stored workload status is the JSON literal null");
}
