namespace EdgeWasm.Runtime.Validation;

/// <summary>
/// The type of a plain numeric instruction: it pops <see cref="Operand1"/> (and <see cref="Operand2"/> for binary
/// operators, pushed after the first) and pushes <see cref="Result"/>. <see cref="Operand2"/> is 0 for unary operators.
/// </summary>
internal readonly record struct NumericSignature(ValueKind Operand1, ValueKind Operand2, ValueKind Result)
{
    /// <summary>True when the instruction takes two operands.</summary>
    public bool IsBinary => Operand2 != 0;
}
