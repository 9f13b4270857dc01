namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>What one reconcile pass does, in order, and when the next pass is due at the latest (a back-off ending).</summary>
internal sealed record Plan(IReadOnlyList<PlanCommand> Commands, DateTimeOffset? WakeAt)
{
    /// <summary>The commands, separated by "; ".</summary>
    public override string ToString() => string.Join("; ", Commands);
}
