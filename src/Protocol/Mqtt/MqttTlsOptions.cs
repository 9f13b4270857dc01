namespace EdgeWasm.Protocol.Mqtt;

/// <summary>
/// TLS for the broker connection. The server certificate is always verified against <see cref="CaFile"/>
/// (or <see cref="CaDirectory"/>) and its name checked against the host; libmosquitto sends the host as SNI.
/// </summary>
public sealed record MqttTlsOptions
{
    /// <summary>PEM file of trusted CA certificates.</summary>
    public string? CaFile { get; init; }

    /// <summary>Directory of hashed CA certificates (c_rehash), used when <see cref="CaFile"/> is not given.</summary>
    public string? CaDirectory { get; init; }

    /// <summary>PEM client certificate, for brokers that authenticate clients by certificate.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="CertificateFile"/> (unencrypted).</summary>
    public string? KeyFile { get; init; }

    /// <summary>TLS version floor as libmosquitto names it: tlsv1.2 or tlsv1.3.</summary>
    public string TlsVersion { get; init; } = "tlsv1.2";

    /// <summary>ALPN protocol to offer (e.g. <c>mqtt</c> for brokers behind an ALPN-routing port 443).</summary>
    public string? Alpn { get; init; }

    /// <summary>Checks files exist and the options are coherent.</summary>
    internal void Validate()
    {
        if (CaFile is null && CaDirectory is null)
        {
            throw new ArgumentException("TLS needs a CA file or a CA directory to verify the broker's certificate");
        }

        RequireFile(CaFile, "CA file");
        if (CaDirectory is not null && !Directory.Exists(CaDirectory))
        {
            throw new ArgumentException($"TLS CA directory '{CaDirectory}' does not exist");
        }

        if ((CertificateFile is null) != (KeyFile is null))
        {
            throw new ArgumentException("TLS client authentication needs both a certificate file and a key file");
        }

        RequireFile(CertificateFile, "client certificate file");
        RequireFile(KeyFile, "client key file");
        if (TlsVersion is not ("tlsv1.2" or "tlsv1.3"))
        {
            throw new ArgumentException($"TLS version '{TlsVersion}' is not supported; use tlsv1.2 or tlsv1.3");
        }
    }

    private static void RequireFile(string? path, string what)
    {
        if (path is not null && !File.Exists(path)) throw new ArgumentException($"TLS {what} '{path}' does not exist");
    }
}
