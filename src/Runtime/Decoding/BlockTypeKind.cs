namespace EdgeWasm.Runtime.Decoding;

/// <summary>How a block, loop or if declares its type.</summary>
internal enum BlockTypeKind : byte
{
    /// <summary><c>0x40</c>: no parameters, no results.</summary>
    Empty,
    /// <summary>A single value type: no parameters, one result.</summary>
    Value,
    /// <summary>A type index (multi-value): parameters and results of that function type.</summary>
    TypeIndex,
}
