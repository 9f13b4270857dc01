using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Protocol.IotHub;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.EdgeAgent.Sync.IotHub;

/// <summary>
/// What the outbox's changes up to <see cref="Sequence"/> add up to: the state the twin's report shows. Built from the
/// store at one outbox position, then moved forward change by change.
/// </summary>
internal sealed class TwinState
{
    private TwinState(string stream, long sequence)
    {
        Stream = stream;
        Sequence = sequence;
    }

    /// <summary>The outbox stream.</summary>
    public string Stream { get; }

    /// <summary>Every change up to here is folded in.</summary>
    public long Sequence { get; private set; }

    /// <summary>When the newest folded change was recorded.</summary>
    public DateTimeOffset? ObservedAt { get; private set; }

    /// <summary>The applied desired version.</summary>
    public long AppliedVersion { get; private set; }

    /// <summary>The device's facts, once known.</summary>
    public DeviceInfo? Device { get; set; }

    /// <summary>The last heartbeat to show.</summary>
    public TwinHeartbeat? Heartbeat { get; set; }

    /// <summary>The last thing the device refused, to show.</summary>
    public RejectedMessage? Rejected { get; set; }

    /// <summary>The last report the hub refused, to show.</summary>
    public TwinRefusal? Refused { get; set; }

    /// <summary>Every workload's status, by twin key.</summary>
    public SortedDictionary<string, WorkloadStatus> Workloads { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The state at the store's newest outbox position: the workload table, the applied version and the newest device
    /// facts still in the outbox, read until no commit came in between (each commit adds an outbox entry, so an
    /// unchanged last sequence means the reads saw one state). <paramref name="pending"/> receives the changes still in
    /// the outbox that the state holds, for the telemetry of a trimmed report.
    /// </summary>
    public static async Task<TwinState> FromStoreAsync(AgentStore store, string deviceId, string stream, List<ReportedChange> pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        while (true)
        {
            var before = await store.Outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false);
            var statuses = await store.Workloads.GetAllAsync(cancellationToken).ConfigureAwait(false);
            var version = await store.Desired.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            DeviceInfo? device = null;
            DateTimeOffset? observedAt = null;
            pending.Clear();
            var after = before.Acknowledged;
            while (after < before.Last)
            {
                var page = await store.Outbox.PeekAsync(500, after, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0) break;
                foreach (var entry in page.Where(e => e.Sequence <= before.Last))
                {
                    observedAt = entry.CreatedAt;
                    try
                    {
                        var change = ReportedChanges.FromOutbox(entry, deviceId, stream);
                        pending.Add(change);
                        if (change.Device is not null) device = change.Device;
                    }
                    catch (FormatException)
                    {
                        // An entry nothing can read; the tables hold the state it reported.
                    }
                }

                after = page[^1].Sequence;
            }

            var now = await store.Outbox.GetPositionAsync(cancellationToken).ConfigureAwait(false);
            if (now.Last != before.Last) continue;
            var state = new TwinState(stream, before.Last) { AppliedVersion = version, Device = device, ObservedAt = observedAt };
            foreach (var status in statuses) state.Workloads[TwinKeys.Workload(status.Id)] = status;
            return state;
        }
    }

    /// <summary>Folds the next change in; older sequences are ignored.</summary>
    public void Apply(ReportedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Sequence <= Sequence) return;
        switch (change.Kind)
        {
            case ReportedChangeKind.WorkloadStatus:
                Workloads[TwinKeys.Workload(change.Workload!.Id)] = change.Workload;
                break;
            case ReportedChangeKind.WorkloadRemoved:
                Workloads.Remove(TwinKeys.Workload(change.RemovedWorkload!.Value));
                break;
            case ReportedChangeKind.AppliedVersion:
                AppliedVersion = change.AppliedVersion!.Value;
                break;
            case ReportedChangeKind.DeviceInfo:
                Device = change.Device;
                break;
        }

        Skip(change.Sequence, change.ObservedAt);
    }

    /// <summary>Moves past a sequence that changes nothing (an entry that cannot be read).</summary>
    public void Skip(long sequence, DateTimeOffset observedAt)
    {
        if (sequence <= Sequence) return;
        Sequence = sequence;
        ObservedAt = observedAt;
    }
}
