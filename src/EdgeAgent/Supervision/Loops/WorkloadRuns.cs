using EdgeWasm.EdgeAgent.Supervision.Running;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>The runs in progress, each with the task that records its end; stopping the agent waits for all of them.</summary>
internal sealed class WorkloadRuns
{
    private readonly Lock _gate = new();
    private readonly Dictionary<WorkloadId, (WorkloadRun Run, Task Watcher)> _runs = [];

    /// <summary>How many runs are in progress.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _runs.Count;
        }
    }

    /// <summary>Tracks <paramref name="run"/>; <paramref name="watch"/> starts the task that records its end.</summary>
    public void Add(WorkloadRun run, Func<WorkloadRun, Task> watch)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(watch);
        lock (_gate) _runs[run.Request.Spec.Id] = (run, watch(run));
    }

    /// <summary>The run of <paramref name="id"/>, or null.</summary>
    public WorkloadRun? Find(WorkloadId id)
    {
        lock (_gate) return _runs.TryGetValue(id, out var entry) ? entry.Run : null;
    }

    /// <summary>Forgets <paramref name="run"/> (if it is still the run of its workload).</summary>
    public void Remove(WorkloadRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            var id = run.Request.Spec.Id;
            if (_runs.TryGetValue(id, out var entry) && entry.Run == run) _runs.Remove(id);
        }
    }

    /// <summary>Every run in progress with its watcher.</summary>
    public IReadOnlyList<(WorkloadRun Run, Task Watcher)> All()
    {
        lock (_gate) return [.. _runs.Values];
    }
}
