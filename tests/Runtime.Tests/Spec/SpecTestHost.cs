using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>The <c>spectest</c> module every spec script may import, defined in a store as the suite's README says.</summary>
public static class SpecTestHost
{
    public static void Define(Linker linker, Store store)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(store);
        // The print functions do nothing: their output is not checked.
        void Print(string name, params ValueKind[] parameters) =>
            linker.DefineFunction("spectest", name, new FuncType(parameters, []), static (_, _, _) => { });
        Print("print");
        Print("print_i32", ValueKind.I32);
        Print("print_i64", ValueKind.I64);
        Print("print_f32", ValueKind.F32);
        Print("print_f64", ValueKind.F64);
        Print("print_i32_f32", ValueKind.I32, ValueKind.F32);
        Print("print_f64_f64", ValueKind.F64, ValueKind.F64);
        linker.Define("spectest", "global_i32", new Global(store, ValueKind.I32, Value.FromInt32(666), mutable: false));
        linker.Define("spectest", "global_i64", new Global(store, ValueKind.I64, Value.FromInt64(666), mutable: false));
        linker.Define("spectest", "global_f32", new Global(store, ValueKind.F32, Value.FromSingle(666.6f), mutable: false));
        linker.Define("spectest", "global_f64", new Global(store, ValueKind.F64, Value.FromDouble(666.6), mutable: false));
        linker.Define("spectest", "table", new Table(store, ValueKind.FuncRef, 10, 20));
        linker.Define("spectest", "memory", new Memory(store, 1, 2));
    }

    /// <summary>Whether a trap matches the reference interpreter's message.</summary>
    public static bool Matches(TrapCode code, string? text) => text switch
    {
        null => true,
        _ when text.StartsWith("unreachable", StringComparison.Ordinal) => code == TrapCode.Unreachable,
        _ when text.StartsWith("out of bounds memory access", StringComparison.Ordinal) => code == TrapCode.MemoryOutOfBounds,
        _ when text.StartsWith("out of bounds table access", StringComparison.Ordinal) => code == TrapCode.TableOutOfBounds,
        // call_indirect with an index past the table's end.
        _ when text.StartsWith("undefined element", StringComparison.Ordinal) => code == TrapCode.TableOutOfBounds,
        _ when text.StartsWith("uninitialized element", StringComparison.Ordinal) => code is TrapCode.IndirectCallToNull or TrapCode.UninitializedElement,
        _ when text.StartsWith("indirect call type mismatch", StringComparison.Ordinal) => code == TrapCode.BadSignature,
        _ when text.StartsWith("integer divide by zero", StringComparison.Ordinal) => code == TrapCode.IntegerDivisionByZero,
        _ when text.StartsWith("integer overflow", StringComparison.Ordinal) => code == TrapCode.IntegerOverflow,
        _ when text.StartsWith("invalid conversion to integer", StringComparison.Ordinal) => code == TrapCode.BadConversionToInteger,
        _ when text.StartsWith("call stack exhausted", StringComparison.Ordinal) => code == TrapCode.CallStackExhausted,
        _ => false,
    };
}
