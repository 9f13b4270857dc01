namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// Decodes the constant expressions of globals, segment offsets and element items. The binary format allows
/// any instruction sequence there; whether it is constant is a validation rule, so anything else decodes to
/// <see cref="ConstantKind.NotConstant"/> for the validator to report.
/// </summary>
internal static class ConstantExpressionDecoder
{
    /// <summary>Reads an expression up to and including its final <c>end</c>, advancing <paramref name="reader"/> past it.</summary>
    public static ConstantExpression Read(ref WasmReader reader, ReadOnlySpan<byte> module)
    {
        var code = new InstructionReader(module[reader.Position..], reader.Offset, reader.FunctionIndex, reader.Section ?? "module");
        ConstantExpression? single = null;
        ConstantExpression? offending = null;
        var instructions = 0;
        var depth = 0;
        while (true)
        {
            if (code.AtEnd)
            {
                reader.Position += code.Position;
                throw reader.UnexpectedEnd();
            }

            var op = code.Read();
            var at = code.InstructionOffset;
            if (op == Opcode.End && depth == 0) break;
            instructions++;
            ConstantExpression? constant = op switch
            {
                Opcode.I32Const => new(ConstantKind.I32Const, (ulong)(uint)code.I32Value, 0, default, at),
                Opcode.I64Const => new(ConstantKind.I64Const, (ulong)code.I64Value, 0, default, at),
                Opcode.F32Const => new(ConstantKind.F32Const, code.F32Bits, 0, default, at),
                Opcode.F64Const => new(ConstantKind.F64Const, code.F64Bits, 0, default, at),
                Opcode.RefNull => new(ConstantKind.RefNull, 0, 0, code.RefType, at),
                Opcode.RefFunc => new(ConstantKind.RefFunc, 0, code.FunctionIndex, ValueKind.FuncRef, at),
                Opcode.GlobalGet => new(ConstantKind.GlobalGet, 0, code.GlobalIndex, default, at),
                _ => null,
            };

            if (constant is null)
            {
                // Keep reading to find where the expression ends; nested blocks have their own ends.
                offending ??= new ConstantExpression(ConstantKind.NotConstant, (ulong)op, 0, default, at);
                if (op is Opcode.Block or Opcode.Loop or Opcode.If) depth++;
                else if (op == Opcode.End) depth--;
                else if (op == Opcode.Else && depth == 0) throw code.Error("END opcode expected");
            }
            else
            {
                single ??= constant;
            }
        }

        var endOffset = code.InstructionOffset;
        reader.Position += code.Position;
        if (offending is { } bad) return bad;
        if (instructions != 1 || single is null) return new ConstantExpression(ConstantKind.NotConstant, (ulong)Opcode.End, 0, default, endOffset);
        return single.Value;
    }
}
