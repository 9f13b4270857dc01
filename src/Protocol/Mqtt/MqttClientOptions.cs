using System.Text;

namespace EdgeWasm.Protocol.Mqtt;

/// <summary>How an <see cref="MqttClient"/> connects. Validated when the client is created.</summary>
public sealed record MqttClientOptions
{
    /// <summary>Broker host name or address. With TLS this is also the SNI name and the name the certificate must carry.</summary>
    public required string Host { get; init; }

    /// <summary>Broker port (1883 plain, 8883 TLS by convention).</summary>
    public int Port { get; init; } = 1883;

    /// <summary>Client identifier; fixed, so the broker can keep our session between connections.</summary>
    public required string ClientId { get; init; }

    /// <summary>False keeps a persistent session: subscriptions and queued QoS 1 messages survive disconnects.</summary>
    public bool CleanSession { get; init; }

    /// <summary>With MQTT 5 and a persistent session: how long the broker keeps it after we disconnect.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Which MQTT version to speak.</summary>
    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.Auto;

    /// <summary>Keep-alive interval; the broker drops us after 1.5 times this without traffic.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Username for broker authentication.</summary>
    public string? Username { get; init; }

    /// <summary>Password for broker authentication.</summary>
    public string? Password { get; init; }

    /// <summary>TLS settings; null for a plain TCP connection.</summary>
    public MqttTlsOptions? Tls { get; init; }

    /// <summary>What the broker publishes when we vanish without a DISCONNECT.</summary>
    public MqttLastWill? LastWill { get; init; }

    /// <summary>First reconnect delay; it doubles on every failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>QoS 1/2 messages in flight towards the broker at once; more wait in libmosquitto's queue.</summary>
    public int MaxInflight { get; init; } = 100;

    /// <summary>
    /// Options from a broker URL as the command line takes it: <c>mqtt://[user:password@]host[:port]</c> (plain,
    /// port 1883) or <c>mqtts://…</c> (TLS, port 8883, server verified against <paramref name="caFile"/> or else the
    /// system's CA directory). A persistent session with <paramref name="clientId"/>.
    /// </summary>
    public static MqttClientOptions FromUri(string uri, string clientId, string? caFile = null)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(parsed.Host))
        {
            throw new ArgumentException($"broker URL '{uri}' is not mqtt://host[:port] or mqtts://host[:port]");
        }

        if (parsed.AbsolutePath is not ("" or "/") || parsed.Query.Length > 0)
        {
            throw new ArgumentException($"broker URL '{uri}' has a path or query; only user, password, host and port are used");
        }

        var tls = parsed.Scheme == "mqtts";
        var user = parsed.UserInfo.Split(':', 2);
        return new MqttClientOptions
        {
            Host = parsed.IdnHost,
            Port = parsed.IsDefaultPort || parsed.Port < 0 ? (tls ? 8883 : 1883) : parsed.Port,
            ClientId = clientId,
            Username = user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Tls = tls ? (caFile is not null ? new MqttTlsOptions { CaFile = caFile } : new MqttTlsOptions { CaDirectory = "/etc/ssl/certs" }) : null,
        };
    }

    /// <summary>Rejects incoherent settings with a message that says what to fix.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("MQTT host is empty");
        if (Port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "MQTT port must be 1..65535");
        if (string.IsNullOrEmpty(ClientId)) throw new ArgumentException("MQTT client id is empty; a fixed id is needed for a persistent session");
        if (Encoding.UTF8.GetByteCount(ClientId) > 65535) throw new ArgumentException("MQTT client id is longer than 65535 bytes");
        if (KeepAlive < TimeSpan.FromSeconds(5) || KeepAlive > TimeSpan.FromSeconds(65535))
        {
            throw new ArgumentOutOfRangeException(nameof(KeepAlive), KeepAlive, "MQTT keep-alive must be 5 s..65535 s (libmosquitto's range)");
        }

        if (SessionExpiry < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SessionExpiry), SessionExpiry, "session expiry cannot be negative");
        if (ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(ReconnectDelay), ReconnectDelay, "reconnect delay must be positive and not above the maximum delay");
        }

        if (MaxInflight is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(MaxInflight), MaxInflight, "in-flight limit must be 1..65535");
        if (Password is not null && Username is null) throw new ArgumentException("an MQTT password needs a username");
        Tls?.Validate();
        if (LastWill is not null) MqttTopics.ValidateTopicName(LastWill.Topic, "last will topic");
    }
}
