namespace EdgeWasm.Runtime;

/// <summary>
/// What one store may allocate. Immutable; build it with the <c>With…</c> methods, which reject a bad
/// value at once with <see cref="ArgumentOutOfRangeException"/>. Null means unlimited.
/// </summary>
public sealed class StoreLimits
{
    /// <summary>No limits beyond the spec's own (4 GiB of memory, 2^32-1 table elements).</summary>
    public static StoreLimits Unlimited { get; } = new();

    /// <summary>The most bytes one linear memory may have (a memory of each instance, or one the host creates).</summary>
    public long? MemorySize { get; private init; }

    /// <summary>The most elements one table may have.</summary>
    public uint? TableElements { get; private init; }

    /// <summary>The most instances the store may hold.</summary>
    public int? Instances { get; private init; }

    /// <summary>Limits each linear memory to <paramref name="bytes"/> (0 to 4 GiB).</summary>
    public StoreLimits WithMemorySize(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, 65536L * 65536L);
        return new(this) { MemorySize = bytes };
    }

    /// <summary>Limits each table to <paramref name="elements"/> elements.</summary>
    public StoreLimits WithTableElements(uint elements) => new(this) { TableElements = elements };

    /// <summary>Limits the store to <paramref name="count"/> instances (at least 1).</summary>
    public StoreLimits WithInstances(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(this) { Instances = count };
    }

    /// <summary>No limits.</summary>
    public StoreLimits()
    {
    }

    private StoreLimits(StoreLimits other)
    {
        MemorySize = other.MemorySize;
        TableElements = other.TableElements;
        Instances = other.Instances;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"memory={MemorySize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"} " +
        $"tableElements={TableElements?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"} " +
        $"instances={Instances?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}";
}
