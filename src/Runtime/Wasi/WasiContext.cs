using System.Text;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Calls;
using EdgeWasm.Runtime.Wasi.Descriptors;
using EdgeWasm.Runtime.Wasi.Host;
using EdgeWasm.Runtime.Wasi.Streams;
using EdgeWasm.Runtime.Wasi.Time;

namespace EdgeWasm.Runtime.Wasi;

/// <summary>
/// The WASI state of one guest instance: argv, environment, descriptor table (stdio, preopens, listeners, files
/// it opened), clocks. Created from a <see cref="WasiConfiguration"/>; dispose it when the instance is done to
/// close every host file and connection the guest still holds. Not thread-safe: one guest thread uses it.
/// </summary>
public sealed class WasiContext : IDisposable
{
    private bool _disposed;

    /// <summary>Builds the state described by <paramref name="configuration"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">Preopened directories were requested on a host that is not Linux.</exception>
    /// <exception cref="IOException">A preopened directory could not be opened.</exception>
    /// <exception cref="ArgumentException">MaxOpenFiles leaves no room for stdio, preopens and listeners.</exception>
    public WasiContext(WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var initial = 3 + configuration.PreopenedDirectories.Count + configuration.TcpListeners.Count;
        if (configuration.MaxOpenFiles < initial)
        {
            throw new ArgumentException($"MaxOpenFiles ({configuration.MaxOpenFiles}) is below the {initial} descriptors stdio, preopens and listeners take", nameof(configuration));
        }

        Arguments = [.. configuration.Arguments.Select(Terminated)];
        Environment = [.. configuration.EnvironmentVariables.Select(pair => Terminated(pair.Key + "=" + pair.Value))];
        Clocks = new WasiClocks(configuration.TimeProvider);
        Descriptors = new DescriptorTable(configuration.MaxOpenFiles);
        try
        {
            Descriptors.Insert(0, new InputDescriptor(new StandardInput(configuration.StandardInput ?? Stream.Null), StdioType(configuration.StandardInputIsTerminal)));
            Descriptors.Insert(1, new OutputDescriptor(configuration.StandardOutput ?? Stream.Null, StdioType(configuration.StandardOutputIsTerminal)));
            Descriptors.Insert(2, new OutputDescriptor(configuration.StandardError ?? Stream.Null, StdioType(configuration.StandardErrorIsTerminal)));
            var fd = 3;

            // Directories first: wasi-libc looks for preopens from fd 3 up and stops at the first EBADF.
            foreach (var preopen in configuration.PreopenedDirectories) Descriptors.Insert(fd++, OpenPreopen(preopen));
            foreach (var listener in configuration.TcpListeners) Descriptors.Insert(fd++, new ListenerDescriptor(listener));
        }
        catch
        {
            Descriptors.Dispose();
            throw;
        }
    }

    /// <summary>How many descriptors the guest holds open right now.</summary>
    public int OpenDescriptorCount => Descriptors.Count;

    internal IReadOnlyList<byte[]> Arguments { get; }

    internal IReadOnlyList<byte[]> Environment { get; }

    internal WasiClocks Clocks { get; }

    internal DescriptorTable Descriptors { get; }

    /// <summary>
    /// Runs one WASI function against <paramref name="memory"/>. A guest pointer outside memory becomes EFAULT;
    /// proc_exit and interruption leave as <see cref="Errors.WasmExitException"/> and <see cref="Errors.WasmTrapException"/>.
    /// </summary>
    internal int Invoke(WasiImport import, Span<byte> memory, ReadOnlySpan<long> arguments, CancellationToken interrupt)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return import.Call(this, new GuestMemory(memory), arguments, interrupt);
        }
        catch (GuestFaultException)
        {
            return (int)Errno.Fault;
        }
    }

    /// <summary>Closes every host file, directory and accepted connection the guest holds.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Descriptors.Dispose();
    }

    private static unsafe DirectoryDescriptor OpenPreopen(WasiPreopenedDirectory preopen)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("WASI preopened directories need Linux: the sandbox resolves paths with openat and readlinkat.");
        }

        var path = HostPath.Terminated(preopen.HostPath);
        int fd;
        fixed (byte* bytes = path)
        {
            fd = Libc.openat(Libc.AtFdCwd, bytes, LinuxFlags.ReadOnly | LinuxFlags.Directory | LinuxFlags.CloseOnExec, 0);
        }

        if (fd < 0)
        {
            throw new IOException($"cannot open preopened directory '{preopen.HostPath}': {LinuxErrno.ToWasi(Libc.LastError)}");
        }

        return new DirectoryDescriptor(new HostHandle(fd), RightSets.Directory, RightSets.DirectoryInheriting, preopen.ReadOnly,
            Encoding.UTF8.GetBytes(preopen.GuestPath));
    }

    private static byte[] Terminated(string value) => HostPath.Terminated(value);

    // A terminal is a character device, as wasmtime reports it: wasi-libc's isatty() then says yes and stdio
    // line-buffers stdout. Anything else is "unknown", so the guest's libc buffers fully.
    private static FileType StdioType(bool isTerminal) => isTerminal ? FileType.CharacterDevice : FileType.Unknown;
}
