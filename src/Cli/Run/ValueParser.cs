using System.Globalization;
using EdgeWasm.Runtime;

namespace EdgeWasm.Cli.Run;

/// <summary>
/// Parses a command-line argument as a value of a wasm type: integers in decimal (signed or unsigned) or
/// 0x-hex; floats in decimal or as <c>nan</c>, <c>nan:0x…</c>, <c>inf</c>, <c>-inf</c>; references only as <c>null</c>.
/// </summary>
internal static class ValueParser
{
    public static bool TryParse(ValueKind kind, string text, out Value value)
    {
        value = default;
        switch (kind)
        {
            case ValueKind.I32 when TryParseInteger(text, 32, out var bits):
                value = Value.FromInt32((int)(uint)bits);
                return true;
            case ValueKind.I64 when TryParseInteger(text, 64, out var bits):
                value = Value.FromInt64((long)bits);
                return true;
            case ValueKind.F32 when TryParseFloat(text, 32, out var bits):
                value = Value.FromSingleBits((uint)bits);
                return true;
            case ValueKind.F64 when TryParseFloat(text, 64, out var bits):
                value = Value.FromDoubleBits(bits);
                return true;
            case ValueKind.FuncRef or ValueKind.ExternRef when text == "null":
                value = Value.Null(kind);
                return true;
            default:
                return false;
        }
    }

    private static bool TryParseInteger(string text, int width, out ulong bits)
    {
        bits = 0;
        var negative = text.StartsWith('-');
        var digits = negative || text.StartsWith('+') ? text[1..] : text;
        digits = digits.Replace("_", "", StringComparison.Ordinal);
        ulong magnitude;
        var parsed = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude)
            : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        if (!parsed) return false;
        var max = width == 64 ? ulong.MaxValue : uint.MaxValue;
        // Negative values go down to the signed minimum; positive ones up to the unsigned maximum.
        if (negative ? magnitude > (max >> 1) + 1 : magnitude > max) return false;
        bits = (negative ? 0 - magnitude : magnitude) & max;
        return true;
    }

    private static bool TryParseFloat(string text, int width, out ulong bits)
    {
        bits = 0;
        var negative = text.StartsWith('-');
        var body = negative || text.StartsWith('+') ? text[1..] : text;
        var sign = negative ? (width == 32 ? 0x8000_0000ul : 0x8000_0000_0000_0000ul) : 0;
        var exponent = width == 32 ? 0x7F80_0000ul : 0x7FF0_0000_0000_0000ul;
        var quiet = width == 32 ? 0x40_0000ul : 0x8_0000_0000_0000ul;
        if (body is "inf" or "infinity")
        {
            bits = sign | exponent;
            return true;
        }

        if (body == "nan")
        {
            bits = sign | exponent | quiet;
            return true;
        }

        if (body.StartsWith("nan:0x", StringComparison.Ordinal))
        {
            if (!ulong.TryParse(body[6..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var payload)) return false;
            if (payload == 0 || payload >= quiet << 1) return false;
            bits = sign | exponent | payload;
            return true;
        }

        // f32 is parsed as float so the decimal is rounded once, not twice via double.
        if (width == 32)
        {
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var single)) return false;
            bits = (uint)BitConverter.SingleToInt32Bits(single);
        }
        else
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return false;
            bits = (ulong)BitConverter.DoubleToInt64Bits(number);
        }

        return true;
    }
}
