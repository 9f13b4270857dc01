namespace EdgeWasm.Runtime.Errors;

/// <summary>The guest asked to exit (WASI <c>proc_exit</c>). An exit code, not a crash.</summary>
public sealed class WasmExitException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WasmExitException(int exitCode) : base($"guest exited with code {exitCode}") => ExitCode = exitCode;

    /// <summary>The code the guest passed to proc_exit.</summary>
    public int ExitCode { get; }
}
