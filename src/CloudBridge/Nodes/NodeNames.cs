using System.Security.Cryptography;
using System.Text;

namespace EdgeWasm.CloudBridge.Nodes;

/// <summary>
/// Node names and label values from device ids. A device id that is already a valid node name (an RFC 1123
/// label, so it is also a valid hostname label value) is used as is; any other is made valid and given a short
/// hash of the original, so two ids never map to one node.
/// </summary>
internal static class NodeNames
{
    private const int MaxLength = 63;

    /// <summary>The node name for a device.</summary>
    public static string FromDeviceId(string deviceId) => Sanitize(deviceId, c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-', lower: true);

    /// <summary>A label value that stands for <paramref name="value"/> (63 characters of [A-Za-z0-9-_.], alphanumeric ends).</summary>
    public static string LabelValue(string value) =>
        Sanitize(value, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', lower: false);

    private static string Sanitize(string value, Func<char, bool> allowed, bool lower)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var text = lower ? value.ToLowerInvariant() : value;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(allowed(c) ? c : '-');
        var cleaned = sb.ToString().Trim('-', '_', '.');
        if (cleaned == value && cleaned.Length <= MaxLength) return cleaned;

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..6];
        var stem = cleaned.Length > MaxLength - 7 ? cleaned[..(MaxLength - 7)].TrimEnd('-', '_', '.') : cleaned;
        return stem.Length == 0 ? "d-" + hash : $"{stem}-{hash}";
    }
}
