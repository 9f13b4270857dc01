using System.Globalization;
using System.Numerics;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>
/// The value of a resource quantity (<c>500m</c>, <c>64Mi</c>, <c>1e3</c>), exact, for the comparisons the API server
/// makes (qosClass). The double keeps its own small parser rather than borrow the bridge's, so a bug there cannot
/// hide behind the same bug here.
/// </summary>
internal static class WireQuantity
{
    private static readonly Dictionary<string, (int Exp10, int Exp2)> Suffixes = new(StringComparer.Ordinal)
    {
        [""] = (0, 0), ["n"] = (-9, 0), ["u"] = (-6, 0), ["m"] = (-3, 0), ["k"] = (3, 0), ["M"] = (6, 0), ["G"] = (9, 0), ["T"] = (12, 0), ["P"] = (15, 0), ["E"] = (18, 0),
        ["Ki"] = (0, 10), ["Mi"] = (0, 20), ["Gi"] = (0, 30), ["Ti"] = (0, 40), ["Pi"] = (0, 50), ["Ei"] = (0, 60),
    };

    /// <summary>Whether two quantities have the same value (<c>1</c> and <c>1000m</c> do); a malformed one is a 400, as the API server answers a body it cannot decode.</summary>
    public static bool SameValue(string a, string b)
    {
        var (ma, ea) = Value(a);
        var (mb, eb) = Value(b);
        var shift = Math.Min(ea, eb);
        return ma * BigInteger.Pow(10, ea - shift) == mb * BigInteger.Pow(10, eb - shift);
    }

    // mantissa × 10^exponent.
    private static (BigInteger Mantissa, int Exponent) Value(string text)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '+' or '-')) end++;
        var number = text[..end];
        var suffix = text[end..];
        var exp10 = 0;
        var exp2 = 0;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E' && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e))
        {
            exp10 = e;
        }
        else if (Suffixes.TryGetValue(suffix, out var s))
        {
            (exp10, exp2) = s;
        }
        else
        {
            throw ApiError.BadRequest($"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': {text}");
        }

        var point = number.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? number : number.Remove(point, 1);
        if (!BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mantissa))
        {
            throw ApiError.BadRequest($"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': {text}");
        }

        return (mantissa * BigInteger.Pow(2, exp2), exp10 - (point < 0 ? 0 : number.Length - point - 1));
    }
}
