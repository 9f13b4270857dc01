using System.Diagnostics;
using EdgeWasm.Runtime.Compilation;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// Builds a wasm backtrace from the .NET stack trace of an exception: frames of generated methods map back to
/// function indices (method names carry them) and to names from the name section. The JIT may inline a small
/// function into its caller, so the function that raised a trap is taken from the trap itself when known.
/// </summary>
internal static class Backtraces
{
    /// <summary>Backtraces keep at most this many frames (innermost first).</summary>
    public const int MaxFrames = 1000;

    public static IReadOnlyList<WasmFrame> Capture(Exception exception)
    {
        var frames = new List<WasmFrame>();
        var pending = exception is WasmTrapException trap ? trap.TrapFunctionIndex : -1;
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type || !CompiledModule.TryGet(type, out var module)) continue;
            if (!CompiledModule.TryParseMethodName(method.Name, out var index)) continue;
            if (pending >= 0)
            {
                frames.Add(module.Frame(pending));
                var same = pending == index;
                pending = -1;
                if (same) continue;
            }

            frames.Add(module.Frame(index));
            if (frames.Count >= MaxFrames) break;
        }

        return frames;
    }
}
