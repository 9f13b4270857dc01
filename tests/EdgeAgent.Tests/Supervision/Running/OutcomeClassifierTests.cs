using EdgeWasm.EdgeAgent.Supervision;
using EdgeWasm.EdgeAgent.Supervision.Running;
using EdgeWasm.Protocol.Documents;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.EdgeAgent.Tests.Supervision.Running;

public sealed class OutcomeClassifierTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly WorkloadLimits Limits = new() { MemoryBytes = 8 << 20, FuelPerSecond = 5_000_000, DeadlineMs = 1500 };

    public static TheoryData<Exception?, bool, bool, long, string, int, string?> Cases => new()
    {
        { null, false, false, 0, "Completed", 0, null },
        { new WasmExitException(0), false, false, 3, "Completed", 0, null },
        { new WasmExitException(3), false, false, 0, "Error", 3, "exited with code 3" },
        { Trap(TrapCode.Unreachable), false, false, 0, "Error", 134, "trapped: Unreachable: unreachable executed" },
        { Trap(TrapCode.Unreachable), false, false, 2, "OomKilled", 137, "reached its memory limit of 8388608 bytes (memory.grow refused 2 times), then trapped: Unreachable" },
        { new WasmExitException(1), false, false, 1, "OomKilled", 137, "reached its memory limit of 8388608 bytes (memory.grow refused 1 times), then exited with code 1" },
        { Trap(TrapCode.OutOfFuel), false, false, 0, "FuelExhausted", 152, "used more than its CPU share of 5000000 fuel/s" },
        { Trap(TrapCode.Interrupted), false, true, 0, "DeadlineExceeded", 124, "ran longer than its deadline of 1500 ms" },
        { Trap(TrapCode.Interrupted), true, false, 0, "Stopped", 143, "stopped by the agent" },
        { Trap(TrapCode.Interrupted), true, true, 0, "Stopped", 143, "stopped by the agent" },
        { new WasmDecodeException("bad magic", 0), false, false, 0, "InvalidModule", 126, "bad magic" },
        { new WasmLinkException("unknown import: env.f"), false, false, 0, "InvalidModule", 126, "unknown import: env.f" },
        { new InvalidModuleException("no _start"), false, false, 0, "InvalidModule", 126, "no _start" },
        { new IOException("cannot listen on 0.0.0.0:80: permission denied"), false, false, 0, "Error", 128, "could not run: cannot listen" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachWayARunEnds_HasItsReasonExitCodeAndMessage(Exception? error, bool stopRequested, bool deadlineHit, long memoryLimitHits, string reason, int exitCode, string? message)
    {
        var outcome = OutcomeClassifier.Classify(error, new RunFacts(stopRequested, deadlineHit, memoryLimitHits, Limits, Start, Start.AddSeconds(2)));

        Assert.Equal((reason, exitCode), (outcome.Reason.ToString(), outcome.ExitCode));
        if (message is null) Assert.Null(outcome.Message);
        else Assert.StartsWith(message, outcome.Message, StringComparison.Ordinal);
        Assert.Equal((Start, Start.AddSeconds(2)), (outcome.StartedAt, outcome.FinishedAt));
    }

    [Fact]
    public void ALongTrapMessage_IsCut()
    {
        var outcome = OutcomeClassifier.Classify(new WasmTrapException(TrapCode.Unreachable, new string('x', 10_000)), new RunFacts(false, false, 0, Limits, Start, Start));

        Assert.Equal(OutcomeClassifier.MaxMessageLength, outcome.Message!.Length);
    }

    private static WasmTrapException Trap(TrapCode code) => new(code, code switch
    {
        TrapCode.Unreachable => "unreachable executed",
        TrapCode.OutOfFuel => "all fuel consumed",
        _ => "interrupted",
    });
}
