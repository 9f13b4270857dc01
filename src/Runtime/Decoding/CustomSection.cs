namespace EdgeWasm.Runtime.Decoding;

/// <summary>A custom section, kept as bytes; the "name" section is also decoded into <see cref="NameSection"/>.</summary>
internal sealed record CustomSection(string Name, ReadOnlyMemory<byte> Data, long Offset);
