namespace EdgeWasm.Runtime.Validation;

/// <summary>A load or store: the value type it moves, its access width in bytes and whether it stores.</summary>
internal readonly record struct MemoryAccess(ValueKind Type, byte Width, bool IsStore)
{
    /// <summary>The largest valid alignment exponent: log2 of the natural alignment (the width).</summary>
    public int MaxAlign => System.Numerics.BitOperations.Log2(Width);
}
