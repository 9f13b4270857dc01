using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>HTTPS clients that trust a test CA (and nothing else) for the servers tests start.</summary>
public static class TestHttps
{
    /// <summary>A handler that accepts a server certificate only when it chains to <paramref name="caFile"/> and names the host.</summary>
    public static HttpClientHandler Handler(string caFile)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
    }
}
