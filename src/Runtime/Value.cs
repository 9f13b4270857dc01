using System.Globalization;

namespace EdgeWasm.Runtime;

/// <summary>
/// A WebAssembly value as the host sees it: its kind, its raw bits (floats travel as bit patterns, so NaN
/// payloads survive) and, for references, the referenced object.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly ulong _bits;
    private readonly object? _reference;

    private Value(ValueKind kind, ulong bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The value's type.</summary>
    public ValueKind Kind { get; }

    /// <summary>The raw bits of a numeric value (zero for references).</summary>
    public ulong Bits => _bits;

    /// <summary>The referenced object of a funcref or externref (null for a null reference).</summary>
    public object? Reference => _reference;

    /// <summary>True for a null funcref or externref.</summary>
    public bool IsNull => ValueKinds.IsReference(Kind) && _reference is null;

    /// <summary>An i32.</summary>
    public static Value FromInt32(int value) => new(ValueKind.I32, (uint)value, null);

    /// <summary>An i64.</summary>
    public static Value FromInt64(long value) => new(ValueKind.I64, (ulong)value, null);

    /// <summary>An f32 (use <see cref="FromSingleBits"/> to keep a NaN payload exactly).</summary>
    public static Value FromSingle(float value) => new(ValueKind.F32, (uint)BitConverter.SingleToInt32Bits(value), null);

    /// <summary>An f64 (use <see cref="FromDoubleBits"/> to keep a NaN payload exactly).</summary>
    public static Value FromDouble(double value) => new(ValueKind.F64, (ulong)BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>An f32 given by its IEEE 754 bit pattern.</summary>
    public static Value FromSingleBits(uint bits) => new(ValueKind.F32, bits, null);

    /// <summary>An f64 given by its IEEE 754 bit pattern.</summary>
    public static Value FromDoubleBits(ulong bits) => new(ValueKind.F64, bits, null);

    /// <summary>An externref to a host object (null gives a null reference).</summary>
    public static Value FromExternRef(object? value) => new(ValueKind.ExternRef, 0, value);

    /// <summary>A funcref (null gives a null reference).</summary>
    public static Value FromFuncRef(Func? value) => new(ValueKind.FuncRef, 0, value);

    /// <summary>The null reference of a reference type.</summary>
    public static Value Null(ValueKind kind) => ValueKinds.IsReference(kind)
        ? new(kind, 0, null)
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, "null exists only for funcref and externref");

    /// <summary>The zero value of a type (the default of locals, globals and table elements).</summary>
    public static Value Default(ValueKind kind) => kind switch
    {
        ValueKind.I32 or ValueKind.I64 or ValueKind.F32 or ValueKind.F64 or ValueKind.FuncRef or ValueKind.ExternRef => new(kind, 0, null),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unsupported value type"),
    };

    /// <summary>A value of <paramref name="kind"/> made from raw bits and a reference.</summary>
    internal static Value FromRaw(ValueKind kind, ulong bits, object? reference) => new(kind, bits, reference);

    /// <summary>The i32 value.</summary>
    public int AsInt32() => Kind == ValueKind.I32 ? (int)(uint)_bits : throw Mismatch(ValueKind.I32);

    /// <summary>The i64 value.</summary>
    public long AsInt64() => Kind == ValueKind.I64 ? (long)_bits : throw Mismatch(ValueKind.I64);

    /// <summary>The f32 value.</summary>
    public float AsSingle() => Kind == ValueKind.F32 ? BitConverter.Int32BitsToSingle((int)(uint)_bits) : throw Mismatch(ValueKind.F32);

    /// <summary>The f64 value.</summary>
    public double AsDouble() => Kind == ValueKind.F64 ? BitConverter.Int64BitsToDouble((long)_bits) : throw Mismatch(ValueKind.F64);

    /// <summary>The f32 bit pattern.</summary>
    public uint AsSingleBits() => Kind == ValueKind.F32 ? (uint)_bits : throw Mismatch(ValueKind.F32);

    /// <summary>The f64 bit pattern.</summary>
    public ulong AsDoubleBits() => Kind == ValueKind.F64 ? _bits : throw Mismatch(ValueKind.F64);

    /// <summary>The host object of an externref (null for a null reference).</summary>
    public object? AsExternRef() => Kind == ValueKind.ExternRef ? _reference : throw Mismatch(ValueKind.ExternRef);

    /// <summary>The function of a funcref (null for a null reference).</summary>
    public Func? AsFuncRef() => Kind == ValueKind.FuncRef ? (Func?)_reference : throw Mismatch(ValueKind.FuncRef);

    // Generated code reads arguments and writes results through these, without kind checks
    // (the kinds were checked once at the boundary).
    internal int RawInt32 => (int)(uint)_bits;

    internal long RawInt64 => (long)_bits;

    internal float RawSingle => BitConverter.Int32BitsToSingle((int)(uint)_bits);

    internal double RawDouble => BitConverter.Int64BitsToDouble((long)_bits);

    internal object? RawReference => _reference;

    internal static Value OfInt32(int value) => new(ValueKind.I32, (uint)value, null);

    internal static Value OfInt64(long value) => new(ValueKind.I64, (ulong)value, null);

    internal static Value OfSingle(float value) => new(ValueKind.F32, (uint)BitConverter.SingleToInt32Bits(value), null);

    internal static Value OfDouble(double value) => new(ValueKind.F64, (ulong)BitConverter.DoubleToInt64Bits(value), null);

    internal static Value OfFuncRef(object? value) => new(ValueKind.FuncRef, 0, value);

    internal static Value OfExternRef(object? value) => new(ValueKind.ExternRef, 0, value);

    /// <summary>Same kind, same bits, same referenced object.</summary>
    public bool Equals(Value other) => Kind == other.Kind && _bits == other._bits && ReferenceEquals(_reference, other._reference);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _reference is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_reference));

    /// <summary>Equal values.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Different values.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>The value in wasm text style: <c>75025</c>, <c>1.5</c>, <c>-0</c>, <c>inf</c>, <c>nan</c>, <c>nan:0x200000</c>, <c>null</c>.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.I32 => ((int)(uint)_bits).ToString(CultureInfo.InvariantCulture),
        ValueKind.I64 => ((long)_bits).ToString(CultureInfo.InvariantCulture),
        ValueKind.F32 => FormatFloat(
            BitConverter.Int32BitsToSingle((int)(uint)_bits),
            _bits & 0x7F_FFFF,
            0x40_0000,
            BitConverter.Int32BitsToSingle((int)(uint)_bits).ToString("R", CultureInfo.InvariantCulture)),
        ValueKind.F64 => FormatFloat(
            BitConverter.Int64BitsToDouble((long)_bits),
            _bits & 0xF_FFFF_FFFF_FFFF,
            0x8_0000_0000_0000,
            BitConverter.Int64BitsToDouble((long)_bits).ToString("R", CultureInfo.InvariantCulture)),
        ValueKind.FuncRef or ValueKind.ExternRef => _reference is null ? "null" : $"ref {_reference}",
        _ => $"{ValueKinds.Name(Kind)} 0x{_bits:x}",
    };

    private static string FormatFloat(double value, ulong payload, ulong canonicalPayload, string shortest)
    {
        if (double.IsNaN(value))
        {
            var sign = double.IsNegative(value) ? "-" : string.Empty;
            return payload == canonicalPayload ? sign + "nan" : $"{sign}nan:0x{payload:x}";
        }

        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0" : "0";
        return shortest.ToLowerInvariant();
    }

    private InvalidOperationException Mismatch(ValueKind wanted) =>
        new($"the value is {ValueKinds.Name(Kind)}, not {ValueKinds.Name(wanted)}");
}
