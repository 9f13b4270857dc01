using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// The transitions of a <see cref="WorkloadEntry"/>, each a pure function of the entry and the event. The plan executor,
/// the prefetch loop and the runners apply them; nothing else changes an entry.
/// </summary>
internal static class Lifecycle
{
    /// <summary>A newly admitted workload.</summary>
    public static WorkloadEntry Admit(WorkloadSpec spec, WorkloadLimits limits) =>
        new() { Spec = spec, Limits = limits, Phase = WorkloadPhase.Pending };

    /// <summary>
    /// A workload admitted after the agent restarted, resuming what the store last reported for it: its restart count,
    /// and, for a run that ended for good under its policy (a completed job), that final state, so it does not run again.
    /// </summary>
    public static WorkloadEntry Restore(WorkloadSpec spec, WorkloadLimits limits, WorkloadStatus? stored, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var entry = Admit(spec, limits);
        if (stored is null || stored.PodUid != spec.PodUid || stored.Id != spec.Id) return entry;
        entry = entry with { Restarts = stored.RestartCount, Ran = stored.StartedAt is not null };
        if (stored is not { State: WorkloadState.Terminated, Reason: not WorkloadReasons.Stopped, StartedAt: { } started, FinishedAt: { } finished, ExitCode: { } exit }) return entry;

        var outcome = new RunOutcome(RunOutcome.ParseReason(stored.Reason), exit, stored.Message, started, finished);
        var decision = RestartRules.Decide(spec.RestartPolicy, spec.Init, outcome, 0, options);
        return decision.Phase == WorkloadPhase.BackOff ? entry : entry with { Phase = decision.Phase, LastRun = outcome, StartedAt = started };
    }

    /// <summary>A workload that does not fit; it keeps its history so a later admission continues it.</summary>
    public static WorkloadEntry Refuse(WorkloadSpec spec, WorkloadLimits limits, string message, WorkloadEntry? previous) =>
        previous is null
            ? new() { Spec = spec, Limits = limits, Phase = WorkloadPhase.NotAdmitted, Message = message }
            : previous with { Spec = spec, Limits = limits, Phase = WorkloadPhase.NotAdmitted, Message = message, WaitingFor = null, RetryAt = null };

    /// <summary>The desired spec changed (same pod): start over from fetching, keeping the restart history.</summary>
    public static WorkloadEntry Replace(WorkloadEntry entry, WorkloadSpec spec, WorkloadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry with
        {
            Spec = spec, Limits = limits, Phase = WorkloadPhase.Pending, Message = null, WaitingFor = null, Module = null,
            ModuleBytes = null, PullFailures = 0, RetryAt = null, BackoffStep = 0,
        };
    }

    /// <summary>The prefetch loop took the fetch on.</summary>
    public static WorkloadEntry PullStarted(WorkloadEntry entry) => entry with { Phase = WorkloadPhase.Pulling };

    /// <summary>The module is cached and pinned.</summary>
    public static WorkloadEntry Pulled(WorkloadEntry entry, CachedModule module, long? bytes) =>
        entry with { Phase = WorkloadPhase.Ready, Module = module, ModuleBytes = bytes, PullFailures = 0, RetryAt = null, Message = null };

    /// <summary>The fetch failed: wait min(first × 2^(failures-1), max) before the next.</summary>
    public static WorkloadEntry PullFailed(WorkloadEntry entry, string message, DateTimeOffset now, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(options);
        return entry with
        {
            Phase = WorkloadPhase.PullBackOff,
            PullFailures = entry.PullFailures + 1,
            RetryAt = now + RestartRules.Doubling(options.PullBackoff, options.MaxPullBackoff, entry.PullFailures),
            Message = message,
        };
    }

    /// <summary>Held back by its pod's init workloads (null: no longer).</summary>
    public static WorkloadEntry Hold(WorkloadEntry entry, string? waitingFor) => entry with { WaitingFor = waitingFor };

    /// <summary>A run starts; any start after an earlier run counts as a restart.</summary>
    public static WorkloadEntry Started(WorkloadEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry with
        {
            Phase = WorkloadPhase.Running,
            StartedAt = now,
            WaitingFor = null,
            RetryAt = null,
            Restarts = entry.Ran ? entry.Restarts + 1 : entry.Restarts,
            Ran = true,
            RunNumber = entry.RunNumber + 1,
        };
    }

    /// <summary>The agent asked the run to stop.</summary>
    public static WorkloadEntry StopRequested(WorkloadEntry entry) => entry with { Phase = WorkloadPhase.Stopping };

    /// <summary>The run ended: the restart policy decides what follows, unless the agent itself stopped it.</summary>
    public static WorkloadEntry Exited(WorkloadEntry entry, RunOutcome outcome, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(outcome);
        if (entry.Phase == WorkloadPhase.Stopping || outcome.Reason == TerminationReason.Stopped)
        {
            return entry with { Phase = WorkloadPhase.Stopped, LastRun = outcome, RetryAt = null };
        }

        var decision = RestartRules.Decide(entry.Spec.RestartPolicy, entry.Spec.Init, outcome, entry.BackoffStep, options);
        return entry with { Phase = decision.Phase, RetryAt = decision.RetryAt, BackoffStep = decision.NextStep, LastRun = outcome };
    }
}
