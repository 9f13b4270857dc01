using System.Diagnostics;
using System.Runtime.CompilerServices;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// Makes trap exceptions. Generated code calls <see cref="At"/> and throws the result, so a trap path
/// is one call plus <c>throw</c> that the JIT moves out of the hot code.
/// </summary>
[StackTraceHidden]
internal static class Traps
{
    /// <summary>The spec's wording for each trap.</summary>
    public static string Message(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable executed",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.IndirectCallToNull => "uninitialized element (indirect call to null)",
        TrapCode.BadSignature => "indirect call type mismatch",
        TrapCode.IntegerDivisionByZero => "integer divide by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.BadConversionToInteger => "invalid conversion to integer",
        TrapCode.CallStackExhausted => "call stack exhausted",
        TrapCode.OutOfFuel => "all fuel consumed",
        TrapCode.Interrupted => "interrupted",
        TrapCode.HostError => "host function failed",
        TrapCode.UninitializedElement => "uninitialized element",
        _ => code.ToString(),
    };

    /// <summary>A trap with no known wasm location.</summary>
    public static WasmTrapException Create(TrapCode code) => new(code, Message(code));

    /// <summary>A trap raised by generated code in function <paramref name="functionIndex"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WasmTrapException At(TrapCode code, int functionIndex) =>
        new(code, Message(code)) { TrapFunctionIndex = functionIndex };

    /// <summary>
    /// The trap of a failed function-entry check: the stack guard is past the stack limit either because the store was
    /// interrupted (the guard is then the highest address) or because the stack really is exhausted.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WasmTrapException AtEntry(ExecutionState state, int functionIndex) =>
        At(Volatile.Read(ref state.Interrupted) != 0 ? TrapCode.Interrupted : TrapCode.CallStackExhausted, functionIndex);

    /// <summary>Throws a trap (for helpers written in C#).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Throw(TrapCode code) => throw Create(code);
}
