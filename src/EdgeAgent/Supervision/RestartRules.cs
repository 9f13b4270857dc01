using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>
/// The restart policy as a pure function. After a run ends, Always restarts (an init workload only after a failure),
/// OnFailure restarts after a failure, Never does not; an invalid module is never restarted (only a new spec helps).
/// A restart waits min(<see cref="SupervisorOptions.RestartBackoff"/> × 2^n, <see cref="SupervisorOptions.MaxRestartBackoff"/>),
/// n counting the restarts since the workload last ran healthy for <see cref="SupervisorOptions.BackoffResetAfter"/>.
/// </summary>
internal static class RestartRules
{
    /// <summary>Decides what follows <paramref name="outcome"/> for a workload whose next cool-off is step <paramref name="step"/>.</summary>
    public static RestartDecision Decide(RestartPolicy policy, bool init, RunOutcome outcome, int step, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        var restart = outcome.Reason != TerminationReason.InvalidModule && policy switch
        {
            RestartPolicy.Always => !init || !outcome.Succeeded,
            RestartPolicy.OnFailure => !outcome.Succeeded,
            _ => false,
        };
        if (!restart) return new RestartDecision(outcome.Succeeded ? WorkloadPhase.Completed : WorkloadPhase.Failed, null, step);

        var n = outcome.Duration >= options.BackoffResetAfter ? 0 : step;
        return new RestartDecision(WorkloadPhase.BackOff, outcome.FinishedAt + Doubling(options.RestartBackoff, options.MaxRestartBackoff, n), n + 1);
    }

    /// <summary>min(<paramref name="first"/> × 2^<paramref name="step"/>, <paramref name="max"/>), without overflow.</summary>
    public static TimeSpan Doubling(TimeSpan first, TimeSpan max, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var delay = first;
        for (var i = 0; i < step && delay < max; i++) delay += delay;
        return delay < max ? delay : max;
    }
}
