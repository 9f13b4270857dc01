using System.Text;
using EdgeWasm.Runtime.Decoding;

namespace EdgeWasm.Runtime.Tests.Decoding;

/// <summary>Builds module binaries by hand for tests that need exact bytes and offsets.</summary>
internal static class WasmBytes
{
    /// <summary>The 8-byte header.</summary>
    public static byte[] Header => [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    /// <summary>A module: the header followed by the given sections.</summary>
    public static byte[] Module(params byte[][] sections) => Concat([Header, .. sections]);

    /// <summary>A section: id, size, contents.</summary>
    public static byte[] Section(SectionId id, params byte[][] contents) => Subsection((byte)id, contents);

    /// <summary>An id byte, a size and contents: a section with any id, or a subsection of the name section.</summary>
    public static byte[] Subsection(byte id, params byte[][] contents)
    {
        var body = Concat(contents);
        return Concat([id], U32((uint)body.Length), body);
    }

    /// <summary>A vector: count, then the items.</summary>
    public static byte[] Vector(params byte[][] items) => Concat([U32((uint)items.Length), .. items]);

    /// <summary>A name: byte length, then UTF-8.</summary>
    public static byte[] Name(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        return Concat(U32((uint)utf8.Length), utf8);
    }

    /// <summary>A function type entry.</summary>
    public static byte[] FuncType(byte[] parameters, byte[] results) =>
        Concat([0x60], U32((uint)parameters.Length), parameters, U32((uint)results.Length), results);

    /// <summary>A code section entry: size, locals vector, instructions (which should end with 0x0B).</summary>
    public static byte[] Body(byte[] locals, params byte[] code)
    {
        var body = Concat(locals, code);
        return Concat(U32((uint)body.Length), body);
    }

    /// <summary>No local declarations.</summary>
    public static byte[] NoLocals => [0x00];

    /// <summary>Unsigned LEB128.</summary>
    public static byte[] U32(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    /// <summary>Signed LEB128.</summary>
    public static byte[] S64(long value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            bytes.Add(done ? b : (byte)(b | 0x80));
            if (done) return [.. bytes];
        }
    }

    /// <summary>Concatenates byte arrays.</summary>
    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>A module with one type [params] -> [results], one function of it with that body, and other
    /// sections, which are put in their place (custom sections last).</summary>
    public static byte[] SingleFunction(byte[] parameters, byte[] results, byte[] body, params byte[][] otherSections) =>
        Module([.. new[]
        {
            Section(SectionId.Type, Vector(FuncType(parameters, results))),
            Section(SectionId.Function, Vector([0x00])),
            Section(SectionId.Code, Vector(body)),
        }.Concat(otherSections).OrderBy(s => s[0] switch { 0 => 99, 12 => 9.5, var id => id })]);
}
