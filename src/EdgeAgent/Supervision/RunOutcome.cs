using EdgeWasm.Protocol.Documents;

namespace EdgeWasm.EdgeAgent.Supervision;

/// <summary>How one run of a workload ended.</summary>
/// <param name="Reason">Why it ended.</param>
/// <param name="ExitCode">The guest's exit code, or the code the reason stands for.</param>
/// <param name="Message">What happened, for people (a trap and its backtrace, the limit that was hit).</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="FinishedAt">When it ended.</param>
internal sealed record RunOutcome(TerminationReason Reason, int ExitCode, string? Message, DateTimeOffset StartedAt, DateTimeOffset FinishedAt)
{
    /// <summary>Exit code of a trap (as wasmtime: 128 + SIGABRT).</summary>
    public const int TrapExitCode = 134;

    /// <summary>Exit code of <see cref="TerminationReason.OomKilled"/>.</summary>
    public const int OomExitCode = 137;

    /// <summary>Exit code of <see cref="TerminationReason.FuelExhausted"/>.</summary>
    public const int FuelExitCode = 152;

    /// <summary>Exit code of <see cref="TerminationReason.DeadlineExceeded"/>.</summary>
    public const int DeadlineExitCode = 124;

    /// <summary>Exit code of <see cref="TerminationReason.InvalidModule"/>.</summary>
    public const int InvalidModuleExitCode = 126;

    /// <summary>Exit code of <see cref="TerminationReason.Stopped"/>.</summary>
    public const int StoppedExitCode = 143;

    /// <summary>Whether the run succeeded, as restart policies see it.</summary>
    public bool Succeeded => Reason == TerminationReason.Completed;

    /// <summary>How long the run lasted.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>The reason as Kubernetes users read it.</summary>
    public string ReasonText => Reason switch
    {
        TerminationReason.Completed => WorkloadReasons.Completed,
        TerminationReason.OomKilled => WorkloadReasons.OomKilled,
        TerminationReason.FuelExhausted => WorkloadReasons.FuelExhausted,
        TerminationReason.DeadlineExceeded => WorkloadReasons.DeadlineExceeded,
        TerminationReason.InvalidModule => WorkloadReasons.InvalidModule,
        TerminationReason.Stopped => WorkloadReasons.Stopped,
        _ => WorkloadReasons.Error,
    };

    /// <summary>The reason a stored status names (an unknown word counts as <see cref="TerminationReason.Error"/>).</summary>
    public static TerminationReason ParseReason(string? reason) => reason switch
    {
        WorkloadReasons.Completed => TerminationReason.Completed,
        WorkloadReasons.OomKilled => TerminationReason.OomKilled,
        WorkloadReasons.FuelExhausted => TerminationReason.FuelExhausted,
        WorkloadReasons.DeadlineExceeded => TerminationReason.DeadlineExceeded,
        WorkloadReasons.InvalidModule => TerminationReason.InvalidModule,
        WorkloadReasons.Stopped => TerminationReason.Stopped,
        _ => TerminationReason.Error,
    };

    /// <summary>The outcome as a status's lastState.</summary>
    public TerminationInfo ToTermination() => new() { ExitCode = ExitCode, Reason = ReasonText, Message = Message, StartedAt = StartedAt, FinishedAt = FinishedAt };
}
