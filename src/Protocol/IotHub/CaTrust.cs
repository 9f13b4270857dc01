using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EdgeWasm.Protocol.IotHub;

/// <summary>HTTPS trust in one CA instead of the system's store, for a hub (or an emulator) with a private CA.</summary>
public static class CaTrust
{
    /// <summary>A handler that accepts a server certificate only when it names the host and chains to the CA in <paramref name="caFile"/>.</summary>
    public static HttpClientHandler Handler(string caFile)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                // The name is checked by the platform; only the chain is judged against our own root.
                if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
    }
}
