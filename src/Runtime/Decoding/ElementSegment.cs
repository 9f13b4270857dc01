namespace EdgeWasm.Runtime.Decoding;

/// <summary>How a segment is used at instantiation.</summary>
internal enum SegmentMode : byte
{
    /// <summary>Copied into its table or memory at instantiation, then dropped.</summary>
    Active,
    /// <summary>Kept for table.init / memory.init until dropped.</summary>
    Passive,
    /// <summary>Element segments only: declares functions for ref.func, then dropped.</summary>
    Declarative,
}

/// <summary>
/// An element segment. Items are constant expressions; segments written as function-index vectors
/// are decoded into <see cref="ConstantKind.RefFunc"/> items so consumers see one shape.
/// </summary>
internal sealed record ElementSegment(
    SegmentMode Mode,
    ValueKind ElementType,
    uint TableIndex,
    ConstantExpression? Offset,
    IReadOnlyList<ConstantExpression> Items,
    long SectionOffset);
