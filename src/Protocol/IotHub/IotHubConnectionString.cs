namespace EdgeWasm.Protocol.IotHub;

/// <summary>
/// An Azure IoT Hub connection string: <c>HostName=…;DeviceId=…;SharedAccessKey=…</c> for a device with a symmetric
/// key, <c>HostName=…;DeviceId=…;x509=true</c> for a device with a certificate, or
/// <c>HostName=…;SharedAccessKeyName=…;SharedAccessKey=…</c> for a shared access policy (the bridge's).
/// </summary>
public sealed record IotHubConnectionString
{
    /// <summary>The hub's host name, e.g. <c>contoso.azure-devices.net</c>.</summary>
    public required string HostName { get; init; }

    /// <summary>The device, for a device connection string.</summary>
    public string? DeviceId { get; init; }

    /// <summary>The shared access policy, for a service connection string.</summary>
    public string? SharedAccessKeyName { get; init; }

    /// <summary>The base64 key that signs SAS tokens (the device's or the policy's).</summary>
    public string? SharedAccessKey { get; init; }

    /// <summary>True when the device authenticates with an X.509 certificate instead of a key.</summary>
    public bool UsesX509 { get; init; }

    /// <summary>Parses a device connection string; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static IotHubConnectionString ParseDevice(string text)
    {
        var parsed = Parse(text);
        if (parsed.SharedAccessKeyName is not null)
        {
            throw new FormatException("the IoT Hub connection string names a shared access policy (SharedAccessKeyName); a device needs its own connection string");
        }
        if (parsed.DeviceId is null) throw new FormatException("the IoT Hub device connection string has no DeviceId");

        if ((parsed.SharedAccessKey is null) == !parsed.UsesX509)
        {
            throw new FormatException("the IoT Hub device connection string needs exactly one of SharedAccessKey and x509=true");
        }

        return parsed;
    }

    /// <summary>Parses a service (shared access policy) connection string; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static IotHubConnectionString ParseService(string text)
    {
        var parsed = Parse(text);
        if (parsed.SharedAccessKeyName is null || parsed.SharedAccessKey is null)
        {
            throw new FormatException("the IoT Hub service connection string needs SharedAccessKeyName and SharedAccessKey (a shared access policy)");
        }

        if (parsed.DeviceId is not null || parsed.UsesX509)
        {
            throw new FormatException("the IoT Hub connection string is a device's (DeviceId); the bridge needs a shared access policy's");
        }

        return parsed;
    }

    /// <summary>The connection string with the key left out, for logs and messages.</summary>
    public override string ToString() =>
        $"HostName={HostName}" + (DeviceId is null ? "" : $";DeviceId={DeviceId}") + (SharedAccessKeyName is null ? "" : $";SharedAccessKeyName={SharedAccessKeyName}")
        + (SharedAccessKey is null ? "" : ";SharedAccessKey=***") + (UsesX509 ? ";x509=true" : "");

    private static IotHubConnectionString Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end with '=' padding.
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new FormatException($"the IoT Hub connection string has a part without a name: '{Redact(part)}'");
            var name = part[..equals];
            if (!values.TryAdd(name, part[(equals + 1)..])) throw new FormatException($"the IoT Hub connection string names {name} twice");
        }

        foreach (var name in values.Keys)
        {
            if (name is not ("HostName" or "DeviceId" or "SharedAccessKeyName" or "SharedAccessKey" or "x509"))
            {
                // ModuleId, GatewayHostName and SharedAccessSignature are real, but this link does not implement them.
                throw new FormatException($"the IoT Hub connection string part '{name}' is not supported (HostName, DeviceId, SharedAccessKeyName, SharedAccessKey, x509)");
            }
        }

        if (!values.TryGetValue("HostName", out var host) || host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new FormatException("the IoT Hub connection string needs HostName=<hub>.azure-devices.net");
        }

        var key = values.GetValueOrDefault("SharedAccessKey");
        if (key is not null && !IsBase64(key)) throw new FormatException("the IoT Hub connection string's SharedAccessKey is not base64");
        var x509 = values.GetValueOrDefault("x509");
        if (x509 is not null && !x509.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"the IoT Hub connection string's x509 must be true when present, not '{x509}'");
        }

        return new IotHubConnectionString
        {
            HostName = host,
            DeviceId = NonEmpty(values, "DeviceId"),
            SharedAccessKeyName = NonEmpty(values, "SharedAccessKeyName"),
            SharedAccessKey = key,
            UsesX509 = x509 is not null,
        };
    }

    private static string? NonEmpty(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) ? value.Length > 0 ? value : throw new FormatException($"the IoT Hub connection string's {name} is empty") : null;

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var written) && written > 0;
    }

    private static string Redact(string part) => part.Length > 12 ? part[..12] + "…" : part;
}
