using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// IoT Hub shared access signature tokens:
/// <c>SharedAccessSignature sr={URL-encoded resource URI}&amp;sig={URL-encoded base64 HMAC-SHA256}&amp;se={expiry}[&amp;skn={policy}]</c>.
/// </summary>
/// <remarks>
/// What is signed, as IoT Hub's security guide defines it: the URL-encoded resource URI, a line feed, and the expiry
/// in seconds since the Unix epoch, with the base64-decoded key. The resource URI is lower-cased and URL-encoded
/// with lower-case escapes ("lower case URL-encoding of the lower case resource URI"), and the same string is sent
/// as <c>sr</c>, so the hub can check the signature against exactly what it receives.
/// </remarks>
public static class SharedAccessSignature
{
    /// <summary>The resource a device token is scoped to: <c>{host}/devices/{deviceId}</c>.</summary>
    public static string DeviceResource(string hostName, string deviceId) => $"{hostName}/devices/{deviceId}";

    /// <summary>A token for <paramref name="resourceUri"/> signed with <paramref name="base64Key"/>, valid until <paramref name="expiresAt"/>.</summary>
    /// <param name="resourceUri">The hub host (service tokens) or <see cref="DeviceResource"/> (device tokens), without a scheme.</param>
    /// <param name="base64Key">The device's or the policy's key, as the connection string has it.</param>
    /// <param name="expiresAt">When the hub stops accepting the token (whole seconds; rounded up).</param>
    /// <param name="keyName">The shared access policy's name; null for a device's own key.</param>
    public static string Create(string resourceUri, string base64Key, DateTimeOffset expiresAt, string? keyName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(base64Key);
        var key = DecodeKey(base64Key);
        var expiry = ExpirySeconds(expiresAt);
        var resource = EncodeResource(resourceUri);
        var signature = Uri.EscapeDataString(Sign(resource, expiry, key));
        var token = $"SharedAccessSignature sr={resource}&sig={signature}&se={expiry.ToString(CultureInfo.InvariantCulture)}";
        return keyName is null ? token : token + "&skn=" + Uri.EscapeDataString(keyName);
    }

    /// <summary>The resource URI as it is signed and sent: lower-cased, URL-encoded, with lower-case escapes.</summary>
    public static string EncodeResource(string resourceUri) => Uri.EscapeDataString(resourceUri.ToLowerInvariant()).ToLowerInvariant();

    /// <summary>The base64 HMAC-SHA256 of <c>{encodedResource}\n{expiry}</c> with <paramref name="key"/>.</summary>
    public static string Sign(string encodedResource, long expiry, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(encodedResource);
        var message = Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry.ToString(CultureInfo.InvariantCulture));
        return Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }

    /// <summary>The expiry as the token carries it: whole seconds since the Unix epoch, rounded up.</summary>
    public static long ExpirySeconds(DateTimeOffset expiresAt)
    {
        var ms = expiresAt.ToUnixTimeMilliseconds();
        return (ms + 999) / 1000;
    }

    private static byte[] DecodeKey(string base64Key)
    {
        try
        {
            return Convert.FromBase64String(base64Key);
        }
        catch (FormatException ex)
        {
            throw new FormatException("the shared access key is not base64", ex);
        }
    }
}
