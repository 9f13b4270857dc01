using System.Diagnostics;

namespace EdgeWasm.TestSupport;

/// <summary>
/// A throw-away certificate authority made with the openssl command line, for TLS tests against real servers.
/// Keys are P-256 (fast to make); certificates live two days.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly TempDirectory _dir = new("test-ca");
    private int _serial;

    private TestCertificateAuthority(string name)
    {
        CaFile = _dir.Combine("ca.crt");
        CaKeyFile = _dir.Combine("ca.key");
        OpenSsl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", CaKeyFile, "-out", CaFile, "-days", "2", "-subj", $"/CN={name}",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    /// <summary>The CA certificate (PEM) that clients and servers trust.</summary>
    public string CaFile { get; }

    /// <summary>The CA's private key (PEM).</summary>
    public string CaKeyFile { get; }

    /// <summary>Makes a new CA.</summary>
    public static TestCertificateAuthority Create(string name = "EdgeWasm Test CA") => new(name);

    /// <summary>Issues a server certificate for the given DNS names and IP addresses.</summary>
    public IssuedCertificate IssueServer(string commonName, IEnumerable<string> dnsNames, IEnumerable<string> ipAddresses) =>
        Issue(commonName, "serverAuth", [.. dnsNames.Select(d => "DNS:" + d), .. ipAddresses.Select(i => "IP:" + i)]);

    /// <summary>Issues a client certificate whose CN is <paramref name="commonName"/>.</summary>
    public IssuedCertificate IssueClient(string commonName) => Issue(commonName, "clientAuth", []);

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();

    private IssuedCertificate Issue(string commonName, string usage, IReadOnlyList<string> altNames)
    {
        var n = Interlocked.Increment(ref _serial);
        var key = _dir.Combine($"{n}.key");
        var csr = _dir.Combine($"{n}.csr");
        var cert = _dir.Combine($"{n}.crt");
        var ext = _dir.Combine($"{n}.ext");
        var lines = new List<string> { "basicConstraints=CA:FALSE", "keyUsage=digitalSignature,keyEncipherment", $"extendedKeyUsage={usage}" };
        if (altNames.Count > 0) lines.Add("subjectAltName=" + string.Join(',', altNames));
        File.WriteAllLines(ext, lines);
        OpenSsl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", csr, "-subj", $"/CN={commonName}");
        OpenSsl("x509", "-req", "-in", csr, "-CA", CaFile, "-CAkey", CaKeyFile, "-set_serial", (1000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-out", cert, "-days", "2", "-extfile", ext);
        return new IssuedCertificate(cert, key);
    }

    private static void OpenSsl(params string[] args)
    {
        var info = new ProcessStartInfo("openssl", args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("openssl did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed: {stderr.Result}");
    }
}

/// <summary>A certificate and its private key, as PEM files.</summary>
public sealed record IssuedCertificate(string CertificateFile, string KeyFile);
