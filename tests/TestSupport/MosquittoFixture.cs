using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace EdgeWasm.TestSupport;

/// <summary>
/// A real mosquitto broker on a free loopback port, with persistence in a temp directory so that a stop and a
/// start on the same port keep sessions, queued and retained messages. Killed and cleaned up on dispose.
/// </summary>
public sealed class MosquittoFixture : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("mosquitto");
    private readonly MosquittoSettings _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private MosquittoFixture(MosquittoSettings settings)
    {
        _settings = settings;
        Port = FreePort.Next();
        ConfigPath = _dir.Combine("mosquitto.conf");
        File.WriteAllText(ConfigPath, BuildConfig());
    }

    /// <summary>The loopback address the broker listens on.</summary>
    public string Host { get; } = "127.0.0.1";

    /// <summary>The broker's port; it stays the same across restarts.</summary>
    public int Port { get; }

    /// <summary>The generated configuration file.</summary>
    public string ConfigPath { get; }

    /// <summary>Whether the broker process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the broker printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts a broker and waits until it accepts connections.</summary>
    public static async Task<MosquittoFixture> StartAsync(MosquittoSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var fixture = new MosquittoFixture(settings ?? new MosquittoSettings());
        try
        {
            await fixture.StartAgainAsync(cancellationToken);
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the broker (again) on the same port with the same persistence directory.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning) throw new InvalidOperationException("mosquitto is already running");
        var info = new ProcessStartInfo("mosquitto", ["-c", ConfigPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start (is it installed? scripts/install-deps.sh)");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"mosquitto exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(Host, Port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25, cancellationToken);
            }
        }
    }

    /// <summary>Stops the broker gracefully (SIGTERM), so it saves its persistence database, and waits for it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not { HasExited: false } process) return;
        Posix.Signal(process.Id, Posix.SIGTERM);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
    }

    /// <summary>Kills the broker with SIGKILL: whatever was not saved is lost, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _dir.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private string BuildConfig()
    {
        var s = _settings;
        var lines = new List<string>
        {
            $"listener {Port} 127.0.0.1",
            $"allow_anonymous {(s.AllowAnonymous ? "true" : "false")}",
            "persistence true",
            $"persistence_location {_dir.Path}/",
            "autosave_interval 60",
            // The default of 1000 would drop QoS 1 messages queued for an offline subscriber in the larger tests.
            "max_queued_messages 1000000",
            "max_inflight_messages 100",
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
        };
        // Started as root, mosquitto would switch to the mosquitto user and could not write the temp directory.
        if (Environment.UserName == "root") lines.Add("user root");
        if (s.PasswordFile is not null) lines.Add($"password_file {s.PasswordFile}");
        if (s.AclFile is not null) lines.Add($"acl_file {s.AclFile}");
        if (s.MessageSizeLimit is { } limit) lines.Add($"message_size_limit {limit}");
        if (s.Tls is { } tls)
        {
            lines.Add($"cafile {tls.CaFile}");
            lines.Add($"certfile {tls.CertificateFile}");
            lines.Add($"keyfile {tls.KeyFile}");
            lines.Add($"require_certificate {(tls.RequireClientCertificate ? "true" : "false")}");
            if (tls.UseIdentityAsUsername) lines.Add("use_identity_as_username true");
        }

        lines.AddRange(s.ExtraLines);
        return string.Join('\n', lines) + "\n";
    }
}

/// <summary>What the <see cref="MosquittoFixture"/> writes into the broker's configuration.</summary>
public sealed record MosquittoSettings
{
    /// <summary>Accept clients without credentials.</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>A file made with <c>mosquitto_passwd</c>.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>An ACL file.</summary>
    public string? AclFile { get; init; }

    /// <summary>Largest PUBLISH payload the broker accepts.</summary>
    public int? MessageSizeLimit { get; init; }

    /// <summary>TLS on the listener.</summary>
    public MosquittoTls? Tls { get; init; }

    /// <summary>Anything else, one directive per line.</summary>
    public IReadOnlyList<string> ExtraLines { get; init; } = [];
}

/// <summary>TLS settings of the fixture's listener.</summary>
public sealed record MosquittoTls(string CaFile, string CertificateFile, string KeyFile, bool RequireClientCertificate = false, bool UseIdentityAsUsername = false);
