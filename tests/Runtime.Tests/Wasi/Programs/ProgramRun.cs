using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Tests.Wasi.Programs;

/// <summary>How a program run ended: an exit code (proc_exit or return from main), or a trap; and what it wrote.</summary>
internal sealed record ProgramRun(int? ExitCode, string Stdout, string Stderr, WasmTrapException? Trap)
{
    public override string ToString() =>
        $"exit={ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} trap={Trap?.Code.ToString() ?? "none"}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
