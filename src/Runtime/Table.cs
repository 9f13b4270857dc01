namespace EdgeWasm.Runtime;

/// <summary>A table of references (funcref or externref). Belongs to one store; host-creatable.</summary>
public sealed class Table
{
    /// <summary>The most elements a table can have.</summary>
    public const uint MaxElements = uint.MaxValue;

    // Generated code reads this array directly; its length is the table's size. Grow replaces it.
    internal object?[] Elements;

    private readonly long _limit;

    /// <summary>Creates a table of <paramref name="minimum"/> elements set to <paramref name="initial"/> (null by default).</summary>
    public Table(Store store, ValueKind elementKind, uint minimum, uint? maximum = null, Value? initial = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ValueKinds.IsReference(elementKind))
        {
            throw new ArgumentOutOfRangeException(nameof(elementKind), elementKind, "a table holds funcref or externref");
        }

        if (maximum is { } max) ArgumentOutOfRangeException.ThrowIfLessThan(max, minimum, nameof(maximum));
        Store = store;
        ElementKind = elementKind;
        Minimum = minimum;
        Maximum = maximum;
        _limit = store.Limits.TableElements ?? int.MaxValue;
        if (minimum > _limit)
        {
            throw new Errors.WasmLinkException($"a table of {minimum} elements exceeds the store's limit of {_limit} elements");
        }

        var fill = initial is { } value ? CheckElement(value) : null;
        Elements = new object?[minimum];
        if (fill is not null) Array.Fill(Elements, fill);
    }

    /// <summary>The store that owns this table.</summary>
    public Store Store { get; }

    /// <summary>funcref or externref.</summary>
    public ValueKind ElementKind { get; }

    /// <summary>The size it was created with.</summary>
    public uint Minimum { get; }

    /// <summary>The most elements it may grow to, if bounded.</summary>
    public uint? Maximum { get; }

    /// <summary>The current number of elements.</summary>
    public uint Size => (uint)Elements.Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public Value GetElement(uint index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        return Value.FromRaw(ElementKind, 0, Elements[index]);
    }

    /// <summary>Sets the element at <paramref name="index"/>.</summary>
    public void SetElement(uint index, Value value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        Elements[index] = CheckElement(value);
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initial"/>, as <c>table.grow</c> does:
    /// returns the old size, or -1 when the maximum, the store's limit or the host's memory does not allow it.</summary>
    public long Grow(uint delta, Value initial) => GrowCore(delta, CheckElement(initial));

    /// <summary>Whether the maximum and the store's limit allow <paramref name="delta"/> more elements.</summary>
    internal bool MayGrow(uint delta)
    {
        var newSize = (long)Elements.Length + delta;
        return newSize <= (Maximum ?? MaxElements) && newSize <= _limit && newSize <= Array.MaxLength;
    }

    internal long GrowCore(uint delta, object? initial)
    {
        var oldSize = Elements.Length;
        if (delta == 0) return oldSize;
        if (!MayGrow(delta)) return -1;
        var newSize = (long)oldSize + delta;
        object?[] grown;
        try
        {
            grown = new object?[newSize];
        }
        catch (OutOfMemoryException)
        {
            return -1;
        }

        Array.Copy(Elements, grown, oldSize);
        if (initial is not null) Array.Fill(grown, initial, oldSize, (int)delta);
        Elements = grown;
        return oldSize;
    }

    private object? CheckElement(Value value)
    {
        if (value.Kind != ElementKind)
        {
            throw new ArgumentException($"a {ValueKinds.Name(ElementKind)} table cannot hold a {ValueKinds.Name(value.Kind)}", nameof(value));
        }

        if (value.Reference is Func f && f.Store != Store)
        {
            throw new ArgumentException("the function belongs to another store", nameof(value));
        }

        return value.Reference;
    }
}
