namespace EdgeWasm.Protocol.Topics;

/// <summary>
/// Device ids become a topic level, an MQTT username (matched by ACL <c>%u</c> patterns) and a Kubernetes node
/// name, so they follow the strictest of the three: a DNS-1123 subdomain (lower-case letters, digits, '-' and '.',
/// starting and ending with a letter or digit, at most 253 characters) — which has no '/', '+' or '#'.
/// </summary>
public static class DeviceIds
{
    private const int MaxLength = 253;

    /// <summary>Whether <paramref name="deviceId"/> is a valid device id.</summary>
    public static bool IsValid(string? deviceId) => Problem(deviceId) is null;

    /// <summary>Throws <see cref="ArgumentException"/> that says what is wrong with <paramref name="deviceId"/>.</summary>
    public static void Validate(string? deviceId)
    {
        if (Problem(deviceId) is { } problem) throw new ArgumentException($"device id '{deviceId}' {problem}", nameof(deviceId));
    }

    private static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "is empty";
        if (id.Length > MaxLength) return $"is longer than {MaxLength} characters";
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
            {
                return $"contains '{c}'; only lower-case letters, digits, '-' and '.' are allowed (a Kubernetes node name)";
            }
        }

        return IsAlphanumeric(id[0]) && IsAlphanumeric(id[^1]) ? null : "must start and end with a letter or digit";
    }

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
