using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>
/// The emulator's check of a SAS token, written apart from the product's token code so a mistake is not made twice:
/// the token's fields, its expiry, its resource scope, and an HMAC-SHA256 of <c>{sr as sent}\n{se as sent}</c>
/// with the base64-decoded key.
/// </summary>
internal static class EmulatorSas
{
    private const string Prefix = "SharedAccessSignature ";

    /// <summary>The fields of a token (values as sent, still URL-encoded); null with a reason when malformed.</summary>
    public static Dictionary<string, string>? Parse(string? token, out string? reason)
    {
        reason = null;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            reason = "the token does not start with 'SharedAccessSignature '";
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in token[Prefix.Length..].Split('&'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            if (equals < 1 || name is not ("sr" or "sig" or "se" or "skn") || !fields.TryAdd(name, part[(equals + 1)..]))
            {
                reason = $"the token has an unknown, empty or repeated field '{name}'";
                return null;
            }
        }

        if (!fields.ContainsKey("sr") || !fields.ContainsKey("sig") || !fields.ContainsKey("se"))
        {
            reason = "the token lacks sr, sig or se";
            return null;
        }

        return fields;
    }

    /// <summary>Null when the token is valid now for <paramref name="scopeAllows"/> and signed with <paramref name="base64Key"/>; else why not.</summary>
    public static string? Verify(Dictionary<string, string> fields, string base64Key, Func<string, bool> scopeAllows, DateTimeOffset now)
    {
        if (!long.TryParse(fields["se"], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)) return "se is not a number of seconds";
        if (now.ToUnixTimeSeconds() >= expiry) return $"the token expired at {DateTimeOffset.FromUnixTimeSeconds(expiry):O}";
        var resource = Uri.UnescapeDataString(fields["sr"]);
        if (!scopeAllows(resource)) return $"the token's resource '{resource}' does not cover this request";
        var expected = HMACSHA256.HashData(Convert.FromBase64String(base64Key), Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"]));
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(Uri.UnescapeDataString(fields["sig"]));
        }
        catch (FormatException)
        {
            return "sig is not base64";
        }

        return CryptographicOperations.FixedTimeEquals(expected, actual) ? null : "the signature does not match (wrong key, or sr/se changed after signing)";
    }
}
