using EdgeWasm.Protocol.Mqtt;
using EdgeWasm.Protocol.Topics;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>How a device connects to IoT Hub over MQTT 3.1.1 (TLS, port 8883): with a symmetric key (SAS tokens) or an X.509 certificate.</summary>
public sealed record IotHubDeviceOptions
{
    /// <summary>The hub's host name; the TLS server name (SNI) and the name its certificate must carry.</summary>
    public required string HostName { get; init; }

    /// <summary>The MQTT port: 8883 on a real hub.</summary>
    public int Port { get; init; } = 8883;

    /// <summary>The device's id in the hub: the MQTT client id and part of the username and of the token's resource.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The device's symmetric key (base64); the device signs its own SAS tokens with it.</summary>
    public string? SharedAccessKey { get; init; }

    /// <summary>The device's X.509 certificate (PEM), instead of a key.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The private key (PEM, unencrypted) of <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>CA certificates (PEM) that verify the hub; the system's CA directory when null.</summary>
    public string? CaFile { get; init; }

    /// <summary>How long a SAS token is valid.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A new token is made (by connecting again) this long before the current one expires; the hub closes connections whose token expired.</summary>
    public TimeSpan RenewBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>MQTT keep-alive; IoT Hub drops a client silent for 1.5 times this (at most 29.45 minutes).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a twin request waits for the hub's answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Options from a device connection string; a certificate and key for <c>x509=true</c>.</summary>
    public static IotHubDeviceOptions FromConnectionString(string connectionString, string? caFile = null, string? certificateFile = null, string? keyFile = null)
    {
        var parsed = IotHubConnectionString.ParseDevice(connectionString);
        if (parsed.UsesX509 && (certificateFile is null || keyFile is null))
        {
            throw new ArgumentException("the IoT Hub connection string says x509=true: give the device certificate and key files");
        }

        return new IotHubDeviceOptions
        {
            HostName = parsed.HostName,
            DeviceId = parsed.DeviceId!,
            SharedAccessKey = parsed.SharedAccessKey,
            CertificateFile = parsed.UsesX509 ? certificateFile : null,
            KeyFile = parsed.UsesX509 ? keyFile : null,
            CaFile = caFile,
        };
    }

    /// <summary>Throws on settings that cannot work, saying what to fix.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(HostName)) throw new ArgumentException("the IoT Hub host name is empty");
        DeviceIds.Validate(DeviceId);
        if ((SharedAccessKey is null) == (CertificateFile is null))
        {
            throw new ArgumentException("an IoT Hub device needs exactly one of a shared access key and an X.509 certificate");
        }

        if ((CertificateFile is null) != (KeyFile is null)) throw new ArgumentException("an X.509 device certificate needs its key file");
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenLifetime, TimeSpan.FromSeconds(2), nameof(TokenLifetime));
        if (RenewBefore <= TimeSpan.Zero || RenewBefore >= TokenLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(RenewBefore), RenewBefore, "the token renewal margin must be positive and below the token lifetime");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        // 1177 s: IoT Hub's server-side timeout is 1.5 times the keep-alive, capped at 1767 s.
        if (KeepAlive < TimeSpan.FromSeconds(5) || KeepAlive > TimeSpan.FromSeconds(1177))
        {
            throw new ArgumentOutOfRangeException(nameof(KeepAlive), KeepAlive, "IoT Hub keep-alive must be 5 s..1177 s");
        }

        MqttFor(SharedAccessKey is null ? null : "probe").Validate();
    }

    /// <summary>The MQTT options for one connection with <paramref name="password"/> (a SAS token; null with a certificate).</summary>
    internal MqttClientOptions MqttFor(string? password) => new()
    {
        Host = HostName,
        Port = Port,
        ClientId = DeviceId,
        // IoT Hub keeps a device's subscriptions across connections with clean session off, as the SDKs connect.
        CleanSession = false,
        ProtocolVersion = MqttProtocolVersion.V311,
        KeepAlive = KeepAlive,
        Username = IotHubTopics.Username(HostName, DeviceId),
        Password = password,
        Tls = new MqttTlsOptions
        {
            CaFile = CaFile,
            CaDirectory = CaFile is null ? "/etc/ssl/certs" : null,
            CertificateFile = CertificateFile,
            KeyFile = KeyFile,
        },
        ReconnectDelay = ReconnectDelay,
        MaxReconnectDelay = MaxReconnectDelay,
    };
}
