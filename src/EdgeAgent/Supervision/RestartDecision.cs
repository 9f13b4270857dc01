namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>What happens after a run ended: a back-off until <see cref="RetryAt"/>, or a final Completed or Failed.</summary>
/// <param name="Phase"><see cref="WorkloadPhase.BackOff"/>, <see cref="WorkloadPhase.Completed"/> or <see cref="WorkloadPhase.Failed"/>.</param>
/// <param name="RetryAt">When the restart is due (back-off only).</param>
/// <param name="NextStep">The n of the cool-off after this one.</param>
internal sealed record RestartDecision(WorkloadPhase Phase, DateTimeOffset? RetryAt, int NextStep);
