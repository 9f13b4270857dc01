using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using EdgeWasm.TestSupport;

namespace EdgeWasm.TestSupport.ApiServer;

/// <summary>
/// A test PKI made with the openssl command line, as a cluster admin would: a CA, a server certificate for
/// 127.0.0.1 and a client certificate (CN=edgewasm-bridge, O=system:nodes). Files live in a temp directory.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly TempDirectory _dir = new("edgewasm-pki");

    private TestCertificates()
    {
    }

    /// <summary>Shared by every test in the run (making keys takes a moment).</summary>
    public static TestCertificates Shared => LazyShared.Value;

    private static readonly Lazy<TestCertificates> LazyShared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The directory holding the files.</summary>
    public string Directory => _dir.Path;

    /// <summary>CA certificate (PEM).</summary>
    public string CaCertFile => _dir.Combine("ca.crt");

    /// <summary>CA private key (PEM).</summary>
    public string CaKeyFile => _dir.Combine("ca.key");

    /// <summary>Server certificate for 127.0.0.1 and localhost.</summary>
    public string ServerCertFile => _dir.Combine("server.crt");

    /// <summary>Server key.</summary>
    public string ServerKeyFile => _dir.Combine("server.key");

    /// <summary>Client certificate, CN=edgewasm-bridge.</summary>
    public string ClientCertFile => _dir.Combine("client.crt");

    /// <summary>Client key (PKCS#8).</summary>
    public string ClientKeyFile => _dir.Combine("client.key");

    /// <summary>The server certificate with its key, for the TLS listener.</summary>
    public X509Certificate2 LoadServerCertificate() => X509Certificate2.CreateFromPemFile(ServerCertFile, ServerKeyFile);

    /// <summary>The CA as a collection.</summary>
    public X509Certificate2Collection LoadCa()
    {
        var c = new X509Certificate2Collection();
        c.ImportFromPemFile(CaCertFile);
        return c;
    }

    /// <summary>Issues another client certificate from the CA, with a key made by <paramref name="keyCommand"/> (openssl args writing <c>{key}</c>).</summary>
    public (string Cert, string Key) IssueClient(string name, string[] keyCommand, string? ca = null, string? caKey = null)
    {
        var key = _dir.Combine(name + ".key");
        var csr = _dir.Combine(name + ".csr");
        var crt = _dir.Combine(name + ".crt");
        Openssl(_dir.Path, [.. keyCommand.Select(a => a.Replace("{key}", key, StringComparison.Ordinal))]);
        Openssl(_dir.Path, "req", "-new", "-key", key, "-out", csr, "-subj", $"/O=system:nodes/CN={name}");
        File.WriteAllText(_dir.Combine(name + ".ext"), "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
        Openssl(_dir.Path, "x509", "-req", "-in", csr, "-CA", ca ?? CaCertFile, "-CAkey", caKey ?? CaKeyFile, "-CAcreateserial", "-out", crt, "-days", "2",
            "-extfile", _dir.Combine(name + ".ext"));
        return (crt, key);
    }

    /// <summary>Makes a second, unrelated CA (for certificates the server must refuse).</summary>
    public (string Cert, string Key) CreateOtherCa(string name)
    {
        var crt = _dir.Combine(name + ".crt");
        var key = _dir.Combine(name + ".key");
        Openssl(_dir.Path, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-days", "2", "-subj", $"/CN={name}",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return (crt, key);
    }

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();

    private static TestCertificates Create()
    {
        var pki = new TestCertificates();
        // Shared for the whole run, so removed when the test process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => pki.Dispose();
        var d = pki.Directory;
        Openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", pki.CaKeyFile, "-out", pki.CaCertFile, "-days", "2",
            "-subj", "/CN=edgewasm-test-ca", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        File.WriteAllText(Path.Combine(d, "server.ext"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
        Openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", pki.ServerKeyFile, "-out", Path.Combine(d, "server.csr"), "-subj", "/CN=kube-apiserver");
        Openssl(d, "x509", "-req", "-in", Path.Combine(d, "server.csr"), "-CA", pki.CaCertFile, "-CAkey", pki.CaKeyFile, "-CAcreateserial",
            "-out", pki.ServerCertFile, "-days", "2", "-extfile", Path.Combine(d, "server.ext"));
        pki.IssueClient("client", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "{key}"]);
        return pki;
    }

    private static void Openssl(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { WorkingDirectory = workDir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("openssl did not start");
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed: {stderr.Result}");
    }
}
