using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// Checks that every function body is well-formed without type-checking it: each instruction decodes, blocks nest
/// (else only directly inside an if), the final <c>end</c> is the body's last byte, and memory.init and data.drop
/// have a data count section. The validator checks the same while type-checking; this decode-only pass lets it
/// report a malformed body in preference to a validation error found earlier, as the spec's separate decoding
/// phase would.
/// </summary>
internal static class CodeScanner
{
    /// <summary>A block, loop, if or else is still open when the body's bytes run out.</summary>
    public const string MissingEnd = "unexpected end of section or function (missing end)";

    /// <summary>Bytes follow the function's final end.</summary>
    public const string CodeAfterEnd = "section size mismatch (code after the function's final end)";

    /// <summary>An else outside an if, or a second else.</summary>
    public const string ElseWithoutIf = "END opcode expected (else without if)";

    /// <summary>memory.init or data.drop in a module without a data count section.</summary>
    public const string DataCountRequired = "data count section required";

    /// <summary>Throws the first <see cref="WasmDecodeException"/> found in the bodies, if any.</summary>
    public static void Scan(ModuleInfo module)
    {
        ArgumentNullException.ThrowIfNull(module);
        // One entry per open block: true while it is an if that has not had its else yet.
        var open = new List<bool>();
        for (var i = 0; i < module.Bodies.Count; i++)
        {
            var reader = InstructionReader.ForFunction(module, i);
            open.Clear();
            open.Add(false);
            while (open.Count > 0)
            {
                if (reader.AtEnd) throw new WasmDecodeException(MissingEnd, reader.Offset, "code", module.ImportedFunctionCount + i);
                switch (reader.Read())
                {
                    case Opcode.Block or Opcode.Loop:
                        open.Add(false);
                        break;
                    case Opcode.If:
                        open.Add(true);
                        break;
                    case Opcode.Else:
                        if (!open[^1]) throw reader.Error(ElseWithoutIf);
                        open[^1] = false;
                        break;
                    case Opcode.End:
                        open.RemoveAt(open.Count - 1);
                        break;
                    case Opcode.MemoryInit or Opcode.DataDrop when module.DataCount is null:
                        throw reader.Error(DataCountRequired);
                    default:
                        break;
                }
            }

            if (!reader.AtEnd) throw new WasmDecodeException(CodeAfterEnd, reader.Offset, "code", module.ImportedFunctionCount + i);
        }
    }
}
