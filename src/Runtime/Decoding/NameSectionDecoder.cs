using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// Decodes the "name" custom section (module name and function names; local names are skipped).
/// The spec makes custom sections advisory, so a malformed name section yields no names rather than an error.
/// </summary>
internal static class NameSectionDecoder
{
    private const byte ModuleNameId = 0;
    private const byte FunctionNamesId = 1;

    /// <summary>Decodes the section's payload (after its "name" name), or returns <see cref="NameSection.Empty"/> if it is malformed.</summary>
    public static NameSection Decode(ReadOnlySpan<byte> payload, long baseOffset)
    {
        try
        {
            return DecodeOrThrow(payload, baseOffset);
        }
        catch (WasmDecodeException)
        {
            return NameSection.Empty;
        }
    }

    private static NameSection DecodeOrThrow(ReadOnlySpan<byte> payload, long baseOffset)
    {
        var reader = new WasmReader(payload, baseOffset) { Section = "name" };
        string? moduleName = null;
        var functionNames = new Dictionary<uint, string>();
        var lastId = -1;
        while (!reader.AtEnd)
        {
            var id = reader.ReadByte();
            var size = reader.ReadLength();
            // Subsections come at most once each, in increasing id order.
            if (id <= lastId) throw reader.Error("name subsections out of order");
            lastId = id;
            var sub = new WasmReader(reader.ReadBytes((int)size), reader.Offset - size) { Section = "name" };
            switch (id)
            {
                case ModuleNameId:
                    moduleName = sub.ReadName();
                    break;
                case FunctionNamesId:
                    var count = sub.ReadCount(2);
                    var previous = -1L;
                    for (var i = 0u; i < count; i++)
                    {
                        var index = sub.ReadVarU32();
                        // The name map is sorted by index without duplicates.
                        if (index <= previous) throw sub.Error("function names out of order");
                        previous = index;
                        functionNames[index] = sub.ReadName();
                    }

                    break;
                default:
                    // Local names and later extensions are not used.
                    continue;
            }

            if (!sub.AtEnd) throw sub.Error("name subsection size mismatch");
        }

        return new NameSection(moduleName, functionNames);
    }
}
