namespace EdgeWasm.Runtime;

/// <summary>Helpers for <see cref="ValueKind"/>.</summary>
public static class ValueKinds
{
    /// <summary>The text-format name of a value type, e.g. <c>i32</c> or <c>funcref</c>.</summary>
    public static string Name(ValueKind kind) => kind switch
    {
        ValueKind.I32 => "i32",
        ValueKind.I64 => "i64",
        ValueKind.F32 => "f32",
        ValueKind.F64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => $"0x{(byte)kind:x2}",
    };

    /// <summary>True for funcref and externref.</summary>
    public static bool IsReference(ValueKind kind) => kind is ValueKind.FuncRef or ValueKind.ExternRef;
}
