namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// The type immediate of block, loop and if. <see cref="ValueType"/> is meaningful for
/// <see cref="BlockTypeKind.Value"/>, <see cref="TypeIndex"/> for <see cref="BlockTypeKind.TypeIndex"/>.
/// </summary>
internal readonly record struct BlockType(BlockTypeKind Kind, ValueKind ValueType, uint TypeIndex)
{
    /// <summary>The empty block type <c>[] -> []</c>.</summary>
    public static BlockType Empty => default;

    /// <summary>A block with no parameters and one result.</summary>
    public static BlockType Of(ValueKind result) => new(BlockTypeKind.Value, result, 0);

    /// <summary>A block typed by a function type of the module.</summary>
    public static BlockType OfType(uint typeIndex) => new(BlockTypeKind.TypeIndex, default, typeIndex);
}
