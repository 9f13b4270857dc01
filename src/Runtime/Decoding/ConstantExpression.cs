namespace EdgeWasm.Runtime.Decoding;

/// <summary>What a constant expression is made of. Wasm 2.0 allows one instruction followed by <c>end</c>.</summary>
internal enum ConstantKind : byte
{
    I32Const,
    I64Const,
    F32Const,
    F64Const,
    V128Const,
    RefNull,
    RefFunc,
    GlobalGet,
    /// <summary>
    /// Not one constant instruction followed by <c>end</c>. Decoding keeps it so that validation can reject it:
    /// <see cref="ConstantExpression.Bits"/> holds the offending opcode (<see cref="Opcode.End"/> when the
    /// instructions are constant but not exactly one) and <see cref="ConstantExpression.Offset"/> its position.
    /// </summary>
    NotConstant,
}

/// <summary>
/// A decoded constant expression (global initializers, segment offsets, element items).
/// <see cref="Bits"/> holds the value as a raw bit pattern for the const kinds (never as a float);
/// <see cref="Index"/> is the function index for ref.func and the global index for global.get;
/// <see cref="RefType"/> is the type for ref.null. <see cref="Offset"/> locates it for error messages.
/// </summary>
internal readonly record struct ConstantExpression(ConstantKind Kind, ulong Bits, uint Index, ValueKind RefType, long Offset);
