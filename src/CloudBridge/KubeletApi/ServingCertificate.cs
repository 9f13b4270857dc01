using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeWasm.CloudBridge.KubeletApi;

/// <summary>
/// The certificate of the bridge's HTTPS server (kubelet API and webhook): from files, or made at the first start
/// as the kubelet makes its self-signed one — a private CA and a serving certificate it signs, both ECDSA P-256 — and
/// kept in the data directory (<c>kubelet-ca.crt</c>, <c>kubelet.crt</c> with the chain, <c>kubelet.key</c>), so it
/// survives restarts and the CA can be handed to the API server (<c>--kubelet-certificate-authority</c>) and put in
/// the webhook's <c>caBundle</c>. It is made again when its names change or it nears expiry.
/// </summary>
internal static class ServingCertificate
{
    /// <summary>File name of the CA certificate in the data directory.</summary>
    public const string CaFileName = "kubelet-ca.crt";

    /// <summary>File name of the serving certificate (with the CA after it).</summary>
    public const string CertificateFileName = "kubelet.crt";

    /// <summary>File name of the serving key.</summary>
    public const string KeyFileName = "kubelet.key";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>The certificate and key from PEM files (the certificate file may carry the chain after it).</summary>
    public static X509Certificate2 Load(string certificateFile, string keyFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificateFile);
        ArgumentException.ThrowIfNullOrEmpty(keyFile);
        // Kestrel on Linux wants an exportable form; a round trip through PKCS#12 gives one.
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// The certificate kept in <paramref name="directory"/>, made (with its CA) when missing, expiring within 30 days, or
    /// not covering every name in <paramref name="names"/> (DNS names and IP addresses).
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string directory, IReadOnlyCollection<string> names, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(names);
        Directory.CreateDirectory(directory);
        var certificateFile = Path.Combine(directory, CertificateFileName);
        var keyFile = Path.Combine(directory, KeyFileName);
        if (File.Exists(certificateFile) && File.Exists(keyFile))
        {
            var existing = Load(certificateFile, keyFile);
            if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore && Covers(existing, names)) return existing;
            existing.Dispose();
        }

        Create(directory, names, now);
        return Load(certificateFile, keyFile);
    }

    /// <summary>Whether the certificate's subjectAltName holds every one of <paramref name="names"/>.</summary>
    public static bool Covers(X509Certificate2 certificate, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null) return false;
        var dns = san.EnumerateDnsNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ips = san.EnumerateIPAddresses().ToHashSet();
        return names.All(n => IPAddress.TryParse(n, out var ip) ? ips.Contains(ip) : dns.Contains(n));
    }

    private static void Create(string directory, IReadOnlyCollection<string> names, DateTimeOffset now)
    {
        var host = names.FirstOrDefault(n => !IPAddress.TryParse(n, out _)) ?? "edgewasm-bridge";
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={host}-ca@{now.ToUnixTimeSeconds()}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now + Validity + Validity);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}@{now.ToUnixTimeSeconds()}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var leaf = request.Create(ca, now.AddMinutes(-5), now + Validity, serial);

        Write(Path.Combine(directory, CaFileName), ca.ExportCertificatePem() + "\n");
        Write(Path.Combine(directory, CertificateFileName), leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
        Write(Path.Combine(directory, KeyFileName), key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static void Write(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
