using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// What the supervisor knows about one workload: an immutable value, replaced as a whole by the transitions in
/// <see cref="Lifecycle"/>. The planner reads a snapshot of them (<see cref="CurrentState"/>); the status reported to
/// the cloud is derived from one (<see cref="StatusMapper"/>).
/// </summary>
internal sealed record WorkloadEntry
{
    /// <summary>The spec this entry was admitted (or refused) with.</summary>
    public required WorkloadSpec Spec { get; init; }

    /// <summary>The spec's limits with the profile's defaults filled in.</summary>
    public required WorkloadLimits Limits { get; init; }

    /// <summary>Where the workload is.</summary>
    public required WorkloadPhase Phase { get; init; }

    /// <summary>Why it is where it is, for people: the admission refusal or the last fetch error.</summary>
    public string? Message { get; init; }

    /// <summary>Set while its pod's init workloads keep it from starting: which one it waits for.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>The cached module, once fetched.</summary>
    public CachedModule? Module { get; init; }

    /// <summary>The module's size in bytes, once fetched (admission counts it against the storage budget).</summary>
    public long? ModuleBytes { get; init; }

    /// <summary>Failed fetches in a row.</summary>
    public int PullFailures { get; init; }

    /// <summary>When the next fetch (in <see cref="WorkloadPhase.PullBackOff"/>) or restart (in <see cref="WorkloadPhase.BackOff"/>) is due.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>How many times it was restarted.</summary>
    public int Restarts { get; init; }

    /// <summary>The n of the next cool-off, 10 s × 2^n.</summary>
    public int BackoffStep { get; init; }

    /// <summary>When the current (or last) run started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>How the last run ended.</summary>
    public RunOutcome? LastRun { get; init; }

    /// <summary>Whether it ran before (on this device, for this pod): every later start is a restart.</summary>
    public bool Ran { get; init; }

    /// <summary>Counts runs, so that the end of an old run is never taken for the end of the current one.</summary>
    public long RunNumber { get; init; }

    /// <summary>The workload's id.</summary>
    public WorkloadId Id => Spec.Id;
}
