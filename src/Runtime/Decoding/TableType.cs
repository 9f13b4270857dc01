namespace EdgeWasm.Runtime.Decoding;

/// <summary>A table's element type (funcref or externref) and size limits.</summary>
internal sealed record TableType(ValueKind ElementType, Limits Limits);
