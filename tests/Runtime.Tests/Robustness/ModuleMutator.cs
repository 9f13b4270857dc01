using EdgeWasm.Runtime.Tests.Decoding;

namespace EdgeWasm.Runtime.Tests.Robustness;

/// <summary>
/// Mutates a valid module binary: bit flips, byte replacements, insertions, deletions, truncation, overlong LEB128s,
/// huge counts and sizes in section and vector headers, and repeated sections. It parses just the section headers so
/// that some mutations hit the places where a decoder trusts a length.
/// </summary>
internal sealed class ModuleMutator(Random random)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x05, 0x0B, 0x40, 0x7F, 0x80, 0xFF, 0xFC, 0xFD, 0x60, 0x70, 0x6F];
    private static readonly byte[] InstructionsWithoutImmediates = [0x00, 0x01, 0x05, 0x0B, 0x0F, 0x1A, 0x1B, 0xD1];
    private static readonly uint[] HugeValues = [0xFFFF_FFFF, 0x7FFF_FFFF, 0x1000_0000, 0x0100_0000, 65_537, 50_001];

    private enum Kind
    {
        BitFlip,
        ReplaceByte,
        Insert,
        Delete,
        Truncate,
        OverlongLeb,
        HugeCount,
        HugeSectionSize,
        RepeatSection,
        ReplaceOpcode,
    }

    /// <summary>Applies one to three mutations; <paramref name="description"/> names them for failure reports.</summary>
    public byte[] Mutate(byte[] module, out string description)
    {
        var bytes = new List<byte>(module);
        var steps = new List<string>();
        // A third of the cases change one instruction only, so that many reach the type checker.
        if (random.Next(3) == 0 && bytes.Count > 0)
        {
            description = ReplaceOpcode(bytes, random.Next(bytes.Count));
            return [.. bytes];
        }

        var count = random.Next(1, 4);
        for (var i = 0; i < count && bytes.Count > 0; i++) steps.Add(MutateOnce(bytes));
        description = string.Join(", ", steps);
        return [.. bytes];
    }

    private string MutateOnce(List<byte> bytes)
    {
        var kind = (Kind)random.Next(Enum.GetValues<Kind>().Length);
        var at = random.Next(bytes.Count);
        switch (kind)
        {
            case Kind.BitFlip:
                var bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                return $"flip bit {bit} at {at}";
            case Kind.ReplaceByte:
                var value = random.Next(2) == 0 ? InterestingBytes[random.Next(InterestingBytes.Length)] : (byte)random.Next(256);
                bytes[at] = value;
                return $"byte 0x{value:x2} at {at}";
            case Kind.Insert:
                var inserted = new byte[random.Next(1, 5)];
                random.NextBytes(inserted);
                bytes.InsertRange(at, inserted);
                return $"insert {Convert.ToHexString(inserted)} at {at}";
            case Kind.Delete:
                var length = Math.Min(random.Next(1, 17), bytes.Count - at);
                bytes.RemoveRange(at, length);
                return $"delete {length} at {at}";
            case Kind.Truncate:
                bytes.RemoveRange(at, bytes.Count - at);
                return $"truncate to {at}";
            case Kind.OverlongLeb:
                return MakeOverlong(bytes, PickLebPosition(bytes, at));
            case Kind.HugeCount:
                return WriteHuge(bytes, PickCountPosition(bytes) ?? at, "count");
            case Kind.HugeSectionSize:
                var section = PickSection(bytes);
                return section is null ? WriteHuge(bytes, at, "value") : WriteHuge(bytes, section.Value.SizeAt, "section size");
            case Kind.ReplaceOpcode:
                return ReplaceOpcode(bytes, at);
            default:
                return RepeatSection(bytes);
        }
    }

    // Puts an instruction without immediates somewhere in the code section: mostly well-formed, often ill-typed.
    private string ReplaceOpcode(List<byte> bytes, int fallback)
    {
        var code = Sections(bytes).Where(s => bytes[s.IdAt] == 10 && s.End > s.ContentAt).ToList();
        var at = code.Count == 0 ? fallback : random.Next(code[0].ContentAt, code[0].End);
        var op = random.Next(4) switch
        {
            0 => InstructionsWithoutImmediates[random.Next(InstructionsWithoutImmediates.Length)],
            _ => (byte)random.Next(0x45, 0xC5),
        };
        bytes[at] = op;
        return $"opcode 0x{op:x2} at {at}";
    }

    // Re-encodes the LEB128 at a position with extra continuation bytes: 5 bytes (still valid for a u32) or more.
    private string MakeOverlong(List<byte> bytes, int at)
    {
        var end = at;
        while (end < bytes.Count - 1 && (bytes[end] & 0x80) != 0 && end - at < 9) end++;
        var padding = random.Next(1, 6);
        bytes[end] |= 0x80;
        var extra = Enumerable.Repeat((byte)0x80, padding - 1).Append((byte)0x00).ToArray();
        bytes.InsertRange(end + 1, extra);
        return $"overlong LEB at {at} (+{padding} bytes)";
    }

    private string WriteHuge(List<byte> bytes, int at, string what)
    {
        var value = HugeValues[random.Next(HugeValues.Length)];
        // Replace the LEB128 there (its continuation bytes included) with the huge value.
        var end = at;
        while (end < bytes.Count - 1 && (bytes[end] & 0x80) != 0 && end - at < 4) end++;
        bytes.RemoveRange(at, end - at + 1);
        bytes.InsertRange(at, WasmBytes.U32(value));
        return $"huge {what} {value} at {at}";
    }

    private string RepeatSection(List<byte> bytes)
    {
        var section = PickSection(bytes);
        if (section is not { } s) return "repeat: no section";
        var copy = bytes.GetRange(s.IdAt, s.End - s.IdAt);
        var insertAt = random.Next(2) == 0 ? s.End : s.IdAt;
        bytes.InsertRange(insertAt, copy);
        return $"repeat section {bytes[s.IdAt]} at {s.IdAt}";
    }

    private int PickLebPosition(List<byte> bytes, int fallback)
    {
        var sections = Sections(bytes);
        if (sections.Count == 0 || random.Next(3) == 0) return fallback;
        var s = sections[random.Next(sections.Count)];
        return random.Next(2) == 0 ? s.SizeAt : s.ContentAt < bytes.Count ? s.ContentAt : fallback;
    }

    // The first vector count of a section (most sections are one vector).
    private int? PickCountPosition(List<byte> bytes)
    {
        var section = PickSection(bytes);
        return section is { } s && s.ContentAt < bytes.Count && bytes[s.IdAt] != 0 ? s.ContentAt : null;
    }

    private SectionHeader? PickSection(List<byte> bytes)
    {
        var sections = Sections(bytes);
        return sections.Count == 0 ? null : sections[random.Next(sections.Count)];
    }

    private static List<SectionHeader> Sections(List<byte> bytes)
    {
        var sections = new List<SectionHeader>();
        var p = 8;
        while (p < bytes.Count)
        {
            var idAt = p++;
            var sizeAt = p;
            if (sizeAt >= bytes.Count) break;
            ulong size = 0;
            for (var shift = 0; p < bytes.Count && shift < 35; shift += 7)
            {
                var b = bytes[p++];
                size |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
            }

            var end = (long)p + (long)size;
            if (end > bytes.Count) break;
            sections.Add(new SectionHeader(idAt, sizeAt, p, (int)end));
            p = (int)end;
        }

        return sections;
    }

    private readonly record struct SectionHeader(int IdAt, int SizeAt, int ContentAt, int End);
}
