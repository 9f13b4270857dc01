using System.Globalization;

namespace EdgeWasm.Runtime.Tests.Spec;

/// <summary>
/// An argument or expected result. Numbers are unsigned bit patterns in <see cref="Bits"/>, floats included
/// (compare them bit for bit). A reference is null when <see cref="IsNull"/>; a non-null externref's
/// <see cref="Bits"/> is the host object's identity N. <see cref="HasValue"/> is false where the script gives
/// only a type (the expected results of assert_trap and action). v128 values keep their lanes as given.
/// </summary>
public sealed record SpecValue(SpecValueType Type, ulong Bits, bool IsNull, SpecNaN NaN, bool HasValue)
{
    /// <summary>v128 only: the lane type ("i8" ... "f64").</summary>
    public string? LaneType { get; init; }

    /// <summary>v128 only: each lane's unsigned bits in decimal, or a NaN pattern.</summary>
    public IReadOnlyList<string> Lanes { get; init; } = [];

    /// <summary>Parses a type name ("i32", "funcref", ...) and a value string as wast2json writes them.</summary>
    public static SpecValue Parse(string type, string? value, string? laneType = null, IReadOnlyList<string>? lanes = null)
    {
        var kind = type switch
        {
            "i32" => SpecValueType.I32,
            "i64" => SpecValueType.I64,
            "f32" => SpecValueType.F32,
            "f64" => SpecValueType.F64,
            "v128" => SpecValueType.V128,
            "funcref" => SpecValueType.FuncRef,
            "externref" => SpecValueType.ExternRef,
            _ => throw new FormatException($"unknown spec value type '{type}'"),
        };

        if (kind == SpecValueType.V128) return new SpecValue(kind, 0, false, SpecNaN.None, lanes is not null) { LaneType = laneType, Lanes = lanes ?? [] };
        return value switch
        {
            null => new SpecValue(kind, 0, false, SpecNaN.None, HasValue: false),
            "null" => new SpecValue(kind, 0, true, SpecNaN.None, HasValue: true),
            "nan:canonical" => new SpecValue(kind, 0, false, SpecNaN.Canonical, HasValue: true),
            "nan:arithmetic" => new SpecValue(kind, 0, false, SpecNaN.Arithmetic, HasValue: true),
            _ => new SpecValue(kind, ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture), false, SpecNaN.None, HasValue: true),
        };
    }

    /// <inheritdoc />
    public override string ToString() => !HasValue ? $"{Type}" : IsNull ? $"{Type}:null" : NaN != SpecNaN.None ? $"{Type}:nan:{NaN}"
        : Type == SpecValueType.V128 ? $"v128:{LaneType}[{string.Join(' ', Lanes)}]" : $"{Type}:{Bits}";
}
