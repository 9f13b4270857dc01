using System.Security.Cryptography.X509Certificates;

namespace EdgeWasm.TestSupport;

/// <summary>An HTTPS client that trusts only one CA (a server's own, such as the bridge's kubelet CA), optionally with a client certificate.</summary>
public static class CustomCaHttpClient
{
    /// <summary>A client for <paramref name="baseAddress"/> that accepts a server certificate only if it chains to <paramref name="ca"/>.</summary>
    public static HttpClient Create(X509Certificate2 ca, Uri baseAddress, X509Certificate2? clientCertificate = null)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if ((errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) != 0 || certificate is null) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        if (clientCertificate is not null) handler.ClientCertificates.Add(clientCertificate);
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
