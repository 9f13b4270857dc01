using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;

namespace EdgeWasm.CloudBridge.Kubernetes.Models;

/// <summary>
/// A Kubernetes resource quantity (<c>500m</c>, <c>64Mi</c>, <c>1.5G</c>, <c>2e3</c>), held exactly as
/// mantissa × 10^exponent. Like the API server it keeps at most nano precision, rounding up. The text the user
/// wrote is kept for round trips; equality compares values, so <c>1</c> equals <c>1000m</c>.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
internal readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    // Larger decimal exponents are refused: no resource needs them, and they would make arithmetic costly.
    private const int MaxExponent = 100;

    private static readonly (string Suffix, int Exp10, int Exp2)[] Suffixes =
    [
        ("Ki", 0, 10), ("Mi", 0, 20), ("Gi", 0, 30), ("Ti", 0, 40), ("Pi", 0, 50), ("Ei", 0, 60),
        ("n", -9, 0), ("u", -6, 0), ("m", -3, 0), ("k", 3, 0), ("M", 6, 0), ("G", 9, 0), ("T", 12, 0), ("P", 15, 0), ("E", 18, 0),
    ];

    private readonly BigInteger _mantissa;
    private readonly int _exponent;
    private readonly string? _text;

    private Quantity(BigInteger mantissa, int exponent, string text)
    {
        // Normalise so that equal values have equal (mantissa, exponent).
        if (mantissa.IsZero) exponent = 0;
        while (!mantissa.IsZero && mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        _mantissa = mantissa;
        _exponent = exponent;
        _text = text;
    }

    /// <summary>The text form (what was parsed, or the canonical form of a constructed value).</summary>
    public string Text => _text ?? "0";

    /// <summary>True for values below zero.</summary>
    public bool IsNegative => _mantissa.Sign < 0;

    /// <summary>Parses a quantity; a malformed one is a <see cref="FormatException"/> naming the grammar.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var q, out var error) ? q : throw new FormatException(error);

    /// <summary>Parses a quantity, returning false with a message when it is malformed.</summary>
    public static bool TryParse(string? text, out Quantity quantity, out string error)
    {
        quantity = default;
        error = $"quantity '{text}' must match '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
        if (string.IsNullOrEmpty(text)) return false;

        var i = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            i++;
        }

        var intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        var intDigits = text[intStart..i];
        var fracDigits = "";
        if (i < text.Length && text[i] == '.')
        {
            var fracStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            fracDigits = text[fracStart..i];
        }

        if (intDigits.Length + fracDigits.Length == 0) return false;
        if (!TryParseSuffix(text.AsSpan(i), out var exp10, out var exp2)) return false;

        var digits = intDigits + fracDigits;
        var mantissa = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var exponent = exp10 - fracDigits.Length;
        if (exp2 > 0) mantissa <<= exp2;
        if (negative) mantissa = -mantissa;

        // Precision beyond nano is rounded up (away from zero), as the API server does.
        if (exponent < -9)
        {
            mantissa = DivideAwayFromZero(mantissa, BigInteger.Pow(10, -9 - exponent));
            exponent = -9;
        }

        quantity = new Quantity(mantissa, exponent, text);
        error = "";
        return true;
    }

    /// <summary>A whole number, e.g. a pod count or bytes (<c>110</c>).</summary>
    public static Quantity FromInteger(long value) => new(value, 0, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Thousandths, in canonical decimal form: 2000 → <c>2</c>, 1500 → <c>1500m</c>.</summary>
    public static Quantity FromMilli(long milli) =>
        new(milli, -3, milli % 1000 == 0 ? (milli / 1000).ToString(CultureInfo.InvariantCulture) : milli.ToString(CultureInfo.InvariantCulture) + "m");

    /// <summary>Bytes, in canonical binary form: the largest of Ki..Ei that divides it, else plain bytes.</summary>
    public static Quantity FromBytes(long bytes)
    {
        string[] units = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
        var text = bytes.ToString(CultureInfo.InvariantCulture);
        for (var k = units.Length; k >= 1; k--)
        {
            var unit = 1L << (10 * k);
            if (bytes != 0 && bytes % unit == 0)
            {
                text = (bytes / unit).ToString(CultureInfo.InvariantCulture) + units[k - 1];
                break;
            }
        }

        return new Quantity(bytes, 0, text);
    }

    /// <summary>The value in units of 10^<paramref name="exp10"/>, rounded up away from zero (Kubernetes ScaledValue).</summary>
    public BigInteger ScaledCeiling(int exp10)
    {
        var shift = _exponent - exp10;
        return shift >= 0 ? _mantissa * BigInteger.Pow(10, shift) : DivideAwayFromZero(_mantissa, BigInteger.Pow(10, -shift));
    }

    /// <summary>The value rounded up to a whole number (Kubernetes Value()).</summary>
    public long Value => checked((long)ScaledCeiling(0));

    /// <summary>The value in thousandths, rounded up (Kubernetes MilliValue()).</summary>
    public long MilliValue => checked((long)ScaledCeiling(-3));

    /// <inheritdoc />
    public bool Equals(Quantity other) => _mantissa == other._mantissa && _exponent == other._exponent;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_mantissa, _exponent);

    /// <inheritdoc />
    public int CompareTo(Quantity other)
    {
        var common = Math.Min(_exponent, other._exponent);
        return ScaledCeiling(common).CompareTo(other.ScaledCeiling(common));
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Equality by value.</summary>
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    /// <summary>Ordering by value.</summary>
    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    private static bool TryParseSuffix(ReadOnlySpan<char> suffix, out int exp10, out int exp2)
    {
        exp10 = 0;
        exp2 = 0;
        if (suffix.IsEmpty) return true;
        foreach (var (s, e10, e2) in Suffixes)
        {
            if (suffix.SequenceEqual(s))
            {
                exp10 = e10;
                exp2 = e2;
                return true;
            }
        }

        // Decimal exponent: e or E followed by a signed integer ("E" alone was exa, handled above).
        if (suffix[0] is not ('e' or 'E') || suffix.Length < 2) return false;
        var rest = suffix[1..];
        var sign = 1;
        if (rest[0] is '+' or '-')
        {
            sign = rest[0] == '-' ? -1 : 1;
            rest = rest[1..];
        }

        if (rest.IsEmpty || rest.Length > 3) return false;
        foreach (var c in rest)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        exp10 = sign * int.Parse(rest, NumberStyles.None, CultureInfo.InvariantCulture);
        return Math.Abs(exp10) <= MaxExponent;
    }

    private static BigInteger DivideAwayFromZero(BigInteger value, BigInteger divisor)
    {
        var quotient = BigInteger.DivRem(value, divisor, out var remainder);
        return remainder.IsZero ? quotient : quotient + value.Sign;
    }
}
