using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EdgeWasm.CloudBridge.Kubernetes.Config;

/// <summary>Builds the HTTP handler for a connection: its CA, client certificate and TLS verification settings.</summary>
internal static class KubeHttpHandlerFactory
{
    /// <summary>A handler for <paramref name="connection"/>; dispose it with the client.</summary>
    public static SocketsHttpHandler Create(KubeConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handler = new SocketsHttpHandler
        {
            // Watches are long-lived; recycle idle pooled connections so a moved API server endpoint is picked up.
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        };

        handler.SslOptions.TargetHost = connection.TlsServerName;
        if (connection.ClientCertificate is { } clientCert)
        {
            handler.SslOptions.ClientCertificates = [clientCert];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCert;
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            Validate(connection, cert as X509Certificate2 ?? (cert is null ? null : X509CertificateLoader.LoadCertificate(cert.GetRawCertData())), errors);
        return handler;
    }

    private static bool Validate(KubeConnection connection, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (connection.InsecureSkipTlsVerify) return true;
        if (certificate is null) return false;
        if (connection.CertificateAuthorities is not { Count: > 0 } cas) return errors == SslPolicyErrors.None;

        // The name must still match; only the chain is checked against the configured CAs instead of the system store.
        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(cas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
