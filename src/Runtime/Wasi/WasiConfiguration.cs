using System.Net.Sockets;

namespace EdgeWasm.Runtime.Wasi;

/// <summary>
/// What a WASI guest gets to see: arguments, environment, preopened directories, standard streams, preopened
/// TCP listeners and clocks. Fluent; each method validates its input at once and returns this instance.
/// Build a <see cref="WasiContext"/> per instance with <see cref="Build"/>.
/// </summary>
/// <example>
/// <code>
/// var log = new BoundedLogStream(1 &lt;&lt; 20);
/// using var wasi = new WasiConfiguration()
///     .WithArgument("app.wasm").WithArgument("--verbose")
///     .WithEnvironmentVariable("MODE", "edge")
///     .WithPreopenedDirectory("/var/lib/app", "/data")
///     .WithPreopenedDirectory("/etc/app", "/config", readOnly: true)
///     .WithStandardOutput(log)
///     .Build();
/// </code>
/// </example>
public sealed class WasiConfiguration
{
    /// <summary>The default cap on descriptors a guest may hold open at once.</summary>
    public const int DefaultMaxOpenFiles = 1024;

    private readonly List<string> _arguments = [];
    private readonly List<KeyValuePair<string, string>> _environment = [];
    private readonly List<WasiPreopenedDirectory> _preopens = [];
    private readonly List<Socket> _listeners = [];

    /// <summary>The guest's argv, program name first (WASI passes it like any other argument).</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>The guest's environment, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables => _environment;

    /// <summary>The preopened directories, in fd order starting at 3.</summary>
    public IReadOnlyList<WasiPreopenedDirectory> PreopenedDirectories => _preopens;

    /// <summary>Listening sockets handed to the guest, numbered after the preopened directories.</summary>
    public IReadOnlyList<Socket> TcpListeners => _listeners;

    /// <summary>Read by the guest as fd 0; null reads as end of input.</summary>
    public Stream? StandardInput { get; private set; }

    /// <summary>Written by the guest as fd 1; null discards.</summary>
    public Stream? StandardOutput { get; private set; }

    /// <summary>Written by the guest as fd 2; null discards.</summary>
    public Stream? StandardError { get; private set; }

    /// <summary>Whether the guest sees stdin as a terminal (a character device, so isatty(0) is true).</summary>
    public bool StandardInputIsTerminal { get; private set; }

    /// <summary>Whether the guest sees stdout as a terminal; wasi-libc then line-buffers it.</summary>
    public bool StandardOutputIsTerminal { get; private set; }

    /// <summary>Whether the guest sees stderr as a terminal.</summary>
    public bool StandardErrorIsTerminal { get; private set; }

    /// <summary>The clock behind realtime, monotonic and poll_oneoff sleeps.</summary>
    public TimeProvider TimeProvider { get; private set; } = TimeProvider.System;

    /// <summary>The most descriptors the guest may hold open at once (stdio and preopens included).</summary>
    public int MaxOpenFiles { get; private set; } = DefaultMaxOpenFiles;

    /// <summary>Appends one argument to argv.</summary>
    public WasiConfiguration WithArgument(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        RejectNul(argument, nameof(argument));
        _arguments.Add(argument);
        return this;
    }

    /// <summary>Appends arguments to argv.</summary>
    public WasiConfiguration WithArguments(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments) WithArgument(argument);
        return this;
    }

    /// <summary>Adds NAME=value to the environment.</summary>
    public WasiConfiguration WithEnvironmentVariable(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Contains('=', StringComparison.Ordinal)) throw new ArgumentException($"environment variable name '{name}' contains '='", nameof(name));
        RejectNul(name, nameof(name));
        RejectNul(value, nameof(value));
        _environment.Add(new(name, value));
        return this;
    }

    /// <summary>Lets the guest see <paramref name="hostPath"/> as <paramref name="guestPath"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The host directory does not exist.</exception>
    public WasiConfiguration WithPreopenedDirectory(string hostPath, string guestPath, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        RejectNul(guestPath, nameof(guestPath));
        if (!Directory.Exists(hostPath)) throw new DirectoryNotFoundException($"preopened directory '{hostPath}' does not exist");
        _preopens.Add(new WasiPreopenedDirectory(Path.GetFullPath(hostPath), guestPath, readOnly));
        return this;
    }

    /// <summary>
    /// Gives the guest a stream to read as stdin. The host keeps ownership of the stream. <paramref name="isTerminal"/>
    /// says whether the guest should see it as a terminal (pass true only when it is one, as wasmtime does).
    /// </summary>
    public WasiConfiguration WithStandardInput(Stream stream, bool isTerminal = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("standard input must be readable", nameof(stream));
        StandardInput = stream;
        StandardInputIsTerminal = isTerminal;
        return this;
    }

    /// <summary>
    /// Sends the guest's stdout to a stream. The host keeps ownership. Writes are passed through unbuffered, so
    /// memory stays bounded if the stream is (an <see cref="BoundedLogStream"/> is).
    /// </summary>
    public WasiConfiguration WithStandardOutput(Stream stream, bool isTerminal = false)
    {
        StandardOutput = Writable(stream);
        StandardOutputIsTerminal = isTerminal;
        return this;
    }

    /// <summary>Sends the guest's stderr to a stream; see <see cref="WithStandardOutput"/>.</summary>
    public WasiConfiguration WithStandardError(Stream stream, bool isTerminal = false)
    {
        StandardError = Writable(stream);
        StandardErrorIsTerminal = isTerminal;
        return this;
    }

    /// <summary>
    /// Hands the guest a bound, listening TCP socket (like <c>wasmtime run --tcplisten</c>). It may accept
    /// connections from it with sock_accept. The host keeps ownership of the listener.
    /// </summary>
    public WasiConfiguration WithTcpListener(Socket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (listener.SocketType != SocketType.Stream || !listener.IsBound)
        {
            throw new ArgumentException("the listener must be a bound stream socket", nameof(listener));
        }

        _listeners.Add(listener);
        return this;
    }

    /// <summary>Uses <paramref name="timeProvider"/> for the realtime and monotonic clocks and for sleeps.</summary>
    public WasiConfiguration WithTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
        return this;
    }

    /// <summary>Caps how many descriptors the guest may hold open; beyond it path_open answers EMFILE.</summary>
    public WasiConfiguration WithMaxOpenFiles(int maxOpenFiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOpenFiles, 3 + _preopens.Count + _listeners.Count);
        MaxOpenFiles = maxOpenFiles;
        return this;
    }

    /// <summary>Opens the preopened directories and creates the per-instance WASI state.</summary>
    public WasiContext Build() => new(this);

    private static Stream Writable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("the stream must be writable", nameof(stream));
        return stream;
    }

    private static void RejectNul(string value, string parameter)
    {
        if (value.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException("WASI strings cannot contain NUL characters", parameter);
    }
}
