using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EdgeWasm.TestSupport;

/// <summary>
/// A real OCI registry (Debian's docker-registry, distribution 2.8) on a free loopback port, with its storage in a
/// temp folder. Anonymous by default; <see cref="RegistryAuth"/> turns on htpasswd (Basic) or token (Bearer) auth.
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> simulate an outage (same port, same content). Dispose kills
/// the process and deletes the folder, also when a test failed.
/// </summary>
public sealed class OciRegistryFixture : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("edgewasm-registry");
    private readonly StringBuilder _log = new();
    private readonly string _configPath;
    private Process? _process;

    private OciRegistryFixture(RegistryAuth? auth)
    {
        Auth = auth;
        StorageDirectory = _folder.Combine("storage");
        _configPath = _folder.Combine("config.yml");
    }

    /// <summary>How clients must authenticate, or null for anonymous access.</summary>
    public RegistryAuth? Auth { get; }

    /// <summary><c>127.0.0.1:PORT</c>: the registry part of image references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The listening port.</summary>
    public int Port { get; private set; }

    /// <summary>The registry's filesystem storage root (tests corrupt blobs here to prove digest checks).</summary>
    public string StorageDirectory { get; }

    /// <summary>What the registry wrote to stdout and stderr, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>A folder for the test's own files (certificates, modules), deleted with the fixture.</summary>
    public string ScratchDirectory => _folder.Path;

    /// <summary>Starts a registry and waits until <c>/v2/</c> answers.</summary>
    public static async Task<OciRegistryFixture> StartAsync(RegistryAuth? auth = null, CancellationToken cancellationToken = default)
    {
        var fixture = new OciRegistryFixture(auth);
        try
        {
            await fixture.StartOnNewPortAsync(cancellationToken);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>The file path of a blob in the registry's storage (distribution's filesystem layout).</summary>
    public string BlobDataPath(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var hex = digest["sha256:".Length..];
        return Path.Combine(StorageDirectory, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    /// <summary>Kills the registry (an outage). Its content stays for <see cref="StartAsync()"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the registry again on the same port with the same content.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null) return;
        await LaunchAsync(cancellationToken);
    }

    private async Task StartOnNewPortAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            try
            {
                await LaunchAsync(cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && Log.Contains("address already in use", StringComparison.Ordinal))
            {
                // Another process took the port between FreePort and the registry's bind: try another.
            }
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        File.WriteAllText(_configPath, Config());
        var start = new ProcessStartInfo("docker-registry")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(_configPath);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("docker-registry is not installed; run scripts/install-deps.sh", ex);
        }

        // Drain both pipes: a registry blocked on a full pipe would look like a hung server.
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                _process = null;
                throw new InvalidOperationException($"docker-registry exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                // Any HTTP answer (200, or 401 with auth on) means it is serving.
                using var response = await http.GetAsync(new Uri($"http://{Host}/v2/"), cancellationToken);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new InvalidOperationException($"docker-registry did not answer on {Host} within 20 s:\n{Log}", ex);
            }
        }
    }

    private string Config()
    {
        var config = new StringBuilder();
        config.AppendLine("version: 0.1");
        config.AppendLine("log: {level: warn, accesslog: {disabled: true}}");
        config.AppendLine(CultureInfo.InvariantCulture, $"storage: {{filesystem: {{rootdirectory: \"{StorageDirectory}\"}}, delete: {{enabled: true}}}}");
        config.AppendLine(CultureInfo.InvariantCulture, $"http: {{addr: \"{Host}\", secret: edgewasm-test-secret}}");
        switch (Auth)
        {
            case RegistryAuth.Htpasswd basic:
                var file = _folder.Combine("htpasswd");
                File.WriteAllLines(file, basic.Users.Select(u => Htpasswd.Entry(u.Key, u.Value)));
                config.AppendLine(CultureInfo.InvariantCulture, $"auth: {{htpasswd: {{realm: edgewasm-test, path: \"{file}\"}}}}");
                break;
            case RegistryAuth.Token token:
                config.AppendLine(CultureInfo.InvariantCulture, $"auth: {{token: {{realm: \"{token.Server.Realm}\", service: \"{token.Server.Service}\", issuer: \"{token.Server.Issuer}\", rootcertbundle: \"{token.Server.RootCertificatePath}\"}}}}");
                break;
        }

        return config.ToString();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            // Keep the tail only: a long test must not grow this without bound.
            if (_log.Length > 256 * 1024) _log.Remove(0, _log.Length - 128 * 1024);
            _log.AppendLine(line);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Dispose();
    }
}
