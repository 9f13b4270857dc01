namespace EdgeWasm.Runtime.Decoding;

/// <summary>A global's value type and mutability.</summary>
internal sealed record GlobalType(ValueKind ValueType, bool Mutable);
