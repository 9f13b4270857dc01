namespace EdgeWasm.Runtime.Errors;

/// <summary>Guest execution trapped. Carries the trap code and the wasm backtrace, innermost frame first.</summary>
public sealed class WasmTrapException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WasmTrapException(TrapCode code, string message, IReadOnlyList<WasmFrame>? backtrace = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Backtrace = backtrace ?? [];
    }

    /// <summary>Why execution stopped.</summary>
    public TrapCode Code { get; }

    /// <summary>The wasm frames active when the trap happened, innermost first.</summary>
    public IReadOnlyList<WasmFrame> Backtrace { get; internal set; }

    /// <summary>The function whose code raised the trap, when generated code raised it (it may be inlined into
    /// its caller and so missing from the .NET stack trace); -1 otherwise.</summary>
    internal int TrapFunctionIndex { get; init; } = -1;

    /// <summary>The message followed by the backtrace, one frame per line.</summary>
    public string Describe() =>
        Backtrace.Count == 0 ? $"{Code}: {Message}"
        : $"{Code}: {Message}\nwasm backtrace:\n" + string.Join('\n', Backtrace.Select((f, i) => $"  {i}: {f}"));
}
