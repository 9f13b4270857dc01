namespace EdgeWasm.Runtime;

/// <summary>A global variable: a value type, a mutability and a value. Belongs to one store; host-creatable.</summary>
public sealed class Global
{
    // Generated code reads and writes the field of the global's type directly.
    internal int I32;
    internal long I64;
    internal float F32;
    internal double F64;
    internal object? Ref;

    /// <summary>Creates a global of <paramref name="kind"/> holding <paramref name="value"/>.</summary>
    public Global(Store store, ValueKind kind, Value value, bool mutable)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (kind == ValueKind.V128) throw new ArgumentOutOfRangeException(nameof(kind), kind, "v128 globals are not supported yet");
        Store = store;
        Kind = kind;
        Mutable = mutable;
        Assign(value);
    }

    /// <summary>The store that owns this global.</summary>
    public Store Store { get; }

    /// <summary>The value type.</summary>
    public ValueKind Kind { get; }

    /// <summary>Whether wasm code (and the host) may change it.</summary>
    public bool Mutable { get; }

    /// <summary>The current value. Setting an immutable global throws.</summary>
    public Value Value
    {
        get => Kind switch
        {
            ValueKind.I32 => Value.FromInt32(I32),
            ValueKind.I64 => Value.FromInt64(I64),
            ValueKind.F32 => Value.FromSingleBits((uint)BitConverter.SingleToInt32Bits(F32)),
            ValueKind.F64 => Value.FromDoubleBits((ulong)BitConverter.DoubleToInt64Bits(F64)),
            _ => Value.FromRaw(Kind, 0, Ref),
        };
        set
        {
            if (!Mutable) throw new InvalidOperationException("the global is immutable");
            Assign(value);
        }
    }

    /// <summary>Sets the value while instantiating, mutability aside.</summary>
    internal void Initialize(Value value) => Assign(value);

    private void Assign(Value value)
    {
        if (value.Kind != Kind)
        {
            throw new ArgumentException($"a {ValueKinds.Name(Kind)} global cannot hold a {ValueKinds.Name(value.Kind)}", nameof(value));
        }

        if (value.Reference is Func f && f.Store != Store)
        {
            throw new ArgumentException("the function belongs to another store", nameof(value));
        }

        switch (Kind)
        {
            case ValueKind.I32: I32 = value.RawInt32; break;
            case ValueKind.I64: I64 = value.RawInt64; break;
            case ValueKind.F32: F32 = value.RawSingle; break;
            case ValueKind.F64: F64 = value.RawDouble; break;
            default: Ref = value.Reference; break;
        }
    }
}
