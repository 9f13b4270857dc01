using EdgeWasm.Runtime.Decoding;

namespace EdgeWasm.Runtime.Validation;

/// <summary>
/// Types of the instructions whose typing is a fixed table: numeric operators (comparisons, arithmetic,
/// conversions, sign extension, saturating truncation) and loads/stores. Shared by the validator and the compiler.
/// </summary>
internal static class OperatorTypes
{
    private const ValueKind I32 = ValueKind.I32;
    private const ValueKind I64 = ValueKind.I64;
    private const ValueKind F32 = ValueKind.F32;
    private const ValueKind F64 = ValueKind.F64;

    // Single-byte opcodes by value; 0xFC-prefixed saturating truncations at 256 + sub-opcode.
    private static readonly NumericSignature[] Numeric = BuildNumeric();
    private static readonly MemoryAccess[] Memory = BuildMemory();

    /// <summary>The signature of a numeric operator, or false for any other opcode.</summary>
    public static bool TryGetNumeric(Opcode op, out NumericSignature signature)
    {
        var slot = (int)op < 256 ? (int)op : (int)op is >= 0xFC00 and <= 0xFC07 ? 256 + ((int)op & 0xFF) : -1;
        signature = slot >= 0 ? Numeric[slot] : default;
        return signature.Result != 0;
    }

    /// <summary>The access of a load or store, or false for any other opcode.</summary>
    public static bool TryGetMemoryAccess(Opcode op, out MemoryAccess access)
    {
        access = (int)op < Memory.Length ? Memory[(int)op] : default;
        return access.Width != 0;
    }

    private static NumericSignature[] BuildNumeric()
    {
        var t = new NumericSignature[256 + 8];
        static void Range(NumericSignature[] t, Opcode first, Opcode last, ValueKind a, ValueKind b, ValueKind r)
        {
            for (var op = (int)first; op <= (int)last; op++) t[op] = new NumericSignature(a, b, r);
        }

        Range(t, Opcode.I32Eqz, Opcode.I32Eqz, I32, 0, I32);
        Range(t, Opcode.I32Eq, Opcode.I32GeU, I32, I32, I32);
        Range(t, Opcode.I64Eqz, Opcode.I64Eqz, I64, 0, I32);
        Range(t, Opcode.I64Eq, Opcode.I64GeU, I64, I64, I32);
        Range(t, Opcode.F32Eq, Opcode.F32Ge, F32, F32, I32);
        Range(t, Opcode.F64Eq, Opcode.F64Ge, F64, F64, I32);
        Range(t, Opcode.I32Clz, Opcode.I32Popcnt, I32, 0, I32);
        Range(t, Opcode.I32Add, Opcode.I32Rotr, I32, I32, I32);
        Range(t, Opcode.I64Clz, Opcode.I64Popcnt, I64, 0, I64);
        Range(t, Opcode.I64Add, Opcode.I64Rotr, I64, I64, I64);
        Range(t, Opcode.F32Abs, Opcode.F32Sqrt, F32, 0, F32);
        Range(t, Opcode.F32Add, Opcode.F32Copysign, F32, F32, F32);
        Range(t, Opcode.F64Abs, Opcode.F64Sqrt, F64, 0, F64);
        Range(t, Opcode.F64Add, Opcode.F64Copysign, F64, F64, F64);
        Range(t, Opcode.I32WrapI64, Opcode.I32WrapI64, I64, 0, I32);
        Range(t, Opcode.I32TruncF32S, Opcode.I32TruncF32U, F32, 0, I32);
        Range(t, Opcode.I32TruncF64S, Opcode.I32TruncF64U, F64, 0, I32);
        Range(t, Opcode.I64ExtendI32S, Opcode.I64ExtendI32U, I32, 0, I64);
        Range(t, Opcode.I64TruncF32S, Opcode.I64TruncF32U, F32, 0, I64);
        Range(t, Opcode.I64TruncF64S, Opcode.I64TruncF64U, F64, 0, I64);
        Range(t, Opcode.F32ConvertI32S, Opcode.F32ConvertI32U, I32, 0, F32);
        Range(t, Opcode.F32ConvertI64S, Opcode.F32ConvertI64U, I64, 0, F32);
        Range(t, Opcode.F32DemoteF64, Opcode.F32DemoteF64, F64, 0, F32);
        Range(t, Opcode.F64ConvertI32S, Opcode.F64ConvertI32U, I32, 0, F64);
        Range(t, Opcode.F64ConvertI64S, Opcode.F64ConvertI64U, I64, 0, F64);
        Range(t, Opcode.F64PromoteF32, Opcode.F64PromoteF32, F32, 0, F64);
        Range(t, Opcode.I32ReinterpretF32, Opcode.I32ReinterpretF32, F32, 0, I32);
        Range(t, Opcode.I64ReinterpretF64, Opcode.I64ReinterpretF64, F64, 0, I64);
        Range(t, Opcode.F32ReinterpretI32, Opcode.F32ReinterpretI32, I32, 0, F32);
        Range(t, Opcode.F64ReinterpretI64, Opcode.F64ReinterpretI64, I64, 0, F64);
        Range(t, Opcode.I32Extend8S, Opcode.I32Extend16S, I32, 0, I32);
        Range(t, Opcode.I64Extend8S, Opcode.I64Extend32S, I64, 0, I64);

        // Saturating truncations (0xFC 0..7): i32 from f32, f64, then i64 from f32, f64; signed and unsigned each.
        ReadOnlySpan<(ValueKind From, ValueKind To)> saturating = [(F32, I32), (F64, I32), (F32, I64), (F64, I64)];
        for (var i = 0; i < 8; i++) t[256 + i] = new NumericSignature(saturating[i / 2].From, 0, saturating[i / 2].To);
        return t;
    }

    private static MemoryAccess[] BuildMemory()
    {
        var t = new MemoryAccess[(int)Opcode.I64Store32 + 1];
        t[(int)Opcode.I32Load] = new(I32, 4, false);
        t[(int)Opcode.I64Load] = new(I64, 8, false);
        t[(int)Opcode.F32Load] = new(F32, 4, false);
        t[(int)Opcode.F64Load] = new(F64, 8, false);
        t[(int)Opcode.I32Load8S] = t[(int)Opcode.I32Load8U] = new(I32, 1, false);
        t[(int)Opcode.I32Load16S] = t[(int)Opcode.I32Load16U] = new(I32, 2, false);
        t[(int)Opcode.I64Load8S] = t[(int)Opcode.I64Load8U] = new(I64, 1, false);
        t[(int)Opcode.I64Load16S] = t[(int)Opcode.I64Load16U] = new(I64, 2, false);
        t[(int)Opcode.I64Load32S] = t[(int)Opcode.I64Load32U] = new(I64, 4, false);
        t[(int)Opcode.I32Store] = new(I32, 4, true);
        t[(int)Opcode.I64Store] = new(I64, 8, true);
        t[(int)Opcode.F32Store] = new(F32, 4, true);
        t[(int)Opcode.F64Store] = new(F64, 8, true);
        t[(int)Opcode.I32Store8] = new(I32, 1, true);
        t[(int)Opcode.I32Store16] = new(I32, 2, true);
        t[(int)Opcode.I64Store8] = new(I64, 1, true);
        t[(int)Opcode.I64Store16] = new(I64, 2, true);
        t[(int)Opcode.I64Store32] = new(I64, 4, true);
        return t;
    }
}
