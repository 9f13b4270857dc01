namespace EdgeWasm.Runtime.Decoding;

/// <summary>A data segment; <see cref="Data"/> is a slice of the module's bytes.</summary>
internal sealed record DataSegment(
    SegmentMode Mode,
    uint MemoryIndex,
    ConstantExpression? Offset,
    ReadOnlyMemory<byte> Data,
    long SectionOffset);
