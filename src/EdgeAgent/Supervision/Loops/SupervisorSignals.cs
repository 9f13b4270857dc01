namespace EdgeWasm.EdgeAgent.Supervision.Loops;

/// <summary>The supervisor's loops' wake-up calls.</summary>
internal sealed class SupervisorSignals
{
    /// <summary>Something may need reconciling: a new desired document, a fetched module, an ended run.</summary>
    public Signal Apply { get; } = new();

    /// <summary>Modules wait to be fetched.</summary>
    public Signal Prefetch { get; } = new();

    /// <summary>A workload's status may have changed.</summary>
    public Signal Report { get; } = new();
}
