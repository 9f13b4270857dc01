using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>
/// The supervisor's live state: one <see cref="WorkloadEntry"/> per workload, changed only through whole-entry
/// transitions. Every change wakes the report loop. Thread-safe; <see cref="Snapshot"/> gives the planner an
/// immutable view.
/// </summary>
internal sealed class WorkloadTable(SupervisorSignals signals)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<WorkloadId, WorkloadEntry> _entries = [];
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CurrentState? _snapshot;

    /// <summary>Completes once the apply loop made its first pass (before it, the table does not yet say what the device runs).</summary>
    public Task Initialized => _initialized.Task;

    /// <summary>The current entries, as an immutable value.</summary>
    public CurrentState Snapshot()
    {
        lock (_gate) return _snapshot ??= new CurrentState(new Dictionary<WorkloadId, WorkloadEntry>(_entries));
    }

    /// <summary>The entry of <paramref name="id"/>, or null.</summary>
    public WorkloadEntry? Find(WorkloadId id)
    {
        lock (_gate) return _entries.GetValueOrDefault(id);
    }

    /// <summary>Puts <paramref name="entry"/> in, replacing any entry of its workload.</summary>
    public void Set(WorkloadEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _entries[entry.Id] = entry;
            _snapshot = null;
        }

        signals.Report.Notify();
    }

    /// <summary>Applies <paramref name="change"/> to the entry of <paramref name="id"/> (null from it: no change). Returns the new entry, or null.</summary>
    public WorkloadEntry? Update(WorkloadId id, Func<WorkloadEntry, WorkloadEntry?> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        WorkloadEntry? changed;
        lock (_gate)
        {
            if (!_entries.TryGetValue(id, out var entry)) return null;
            changed = change(entry);
            if (changed is null || changed == entry) return null;
            _entries[id] = changed;
            _snapshot = null;
        }

        signals.Report.Notify();
        return changed;
    }

    /// <summary>Takes the entry of <paramref name="id"/> out; returns it, or null when there was none.</summary>
    public WorkloadEntry? Remove(WorkloadId id)
    {
        WorkloadEntry? removed;
        lock (_gate)
        {
            if (!_entries.Remove(id, out removed)) return null;
            _snapshot = null;
        }

        signals.Report.Notify();
        return removed;
    }

    /// <summary>Marks the first pass done.</summary>
    public void MarkInitialized()
    {
        _initialized.TrySetResult();
        signals.Report.Notify();
    }
}
