using System.Globalization;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>Names how a run ended, from what ended it (an exception, or none) and what the runner saw.</summary>
internal static class OutcomeClassifier
{
    /// <summary>The longest message kept in a status (a trap's backtrace can be long; statuses travel over MQTT).</summary>
    public const int MaxMessageLength = 2048;

    /// <summary>The outcome of a run that ended with <paramref name="error"/> (null: _start returned).</summary>
    public static RunOutcome Classify(Exception? error, RunFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (reason, code, message) = Name(error, facts);
        if (message is { Length: > MaxMessageLength }) message = message[..(MaxMessageLength - 1)] + "…";
        return new RunOutcome(reason, code, message, facts.StartedAt, facts.FinishedAt);
    }

    private static (TerminationReason Reason, int Code, string? Message) Name(Exception? error, RunFacts facts)
    {
        if (error is null or WasmExitException { ExitCode: 0 }) return (TerminationReason.Completed, 0, null);
        if (facts.StopRequested) return (TerminationReason.Stopped, RunOutcome.StoppedExitCode, "stopped by the agent");
        var limits = facts.Limits;
        switch (error)
        {
            case WasmTrapException { Code: TrapCode.Interrupted } when facts.DeadlineHit:
                return (TerminationReason.DeadlineExceeded, RunOutcome.DeadlineExitCode, $"ran longer than its deadline of {Number(limits.DeadlineMs)} ms");
            case WasmTrapException { Code: TrapCode.OutOfFuel }:
                return (TerminationReason.FuelExhausted, RunOutcome.FuelExitCode,
                    $"used more than its CPU share of {Number(limits.FuelPerSecond)} fuel/s for longer than its burst allowance");
            case WasmDecodeException or WasmValidationException or WasmLinkException or InvalidModuleException:
                return (TerminationReason.InvalidModule, RunOutcome.InvalidModuleExitCode, error.Message);
        }

        var failure = error switch
        {
            WasmExitException exit => (Code: exit.ExitCode, Text: $"exited with code {exit.ExitCode}"),
            WasmTrapException trap => (Code: RunOutcome.TrapExitCode, Text: "trapped: " + trap.Describe()),
            _ => (Code: 128, Text: "could not run: " + error.Message),
        };
        if (facts.MemoryLimitHits > 0 && error is WasmExitException or WasmTrapException)
        {
            return (TerminationReason.OomKilled, RunOutcome.OomExitCode,
                $"reached its memory limit of {Number(limits.MemoryBytes)} bytes (memory.grow refused {facts.MemoryLimitHits} times), then {failure.Text}");
        }

        return (TerminationReason.Error, failure.Code, failure.Text);
    }

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";
}
