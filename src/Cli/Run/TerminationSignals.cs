using System.Runtime.InteropServices;

namespace EdgeWasm.Cli.Run;

/// <summary>
/// Turns SIGINT, SIGTERM, SIGQUIT and SIGHUP into a cancellation while a guest runs, so Ctrl+C or a kill stops the
/// guest (the store is interrupted, blocking WASI calls included) and the run ends with 128 + the signal number, the
/// status a shell reports for a native program (or wasmtime) killed by that signal.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _received = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signal;

    public TerminationSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows knows only some of them; the rest keep their default action there.
            }
        }
    }

    /// <summary>Cancelled when one of the signals arrives.</summary>
    public CancellationToken Token => _received.Token;

    /// <summary>The exit status for the signal received: 128 + its Linux number.</summary>
    public int ExitCode => 128 + Volatile.Read(ref _signal);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _received.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The guest is stopped here rather than by the default action, so the host can close files and sockets.
        context.Cancel = true;
        Interlocked.CompareExchange(ref _signal, LinuxNumber(context.Signal), 0);
        _received.Cancel();
    }

    private static int LinuxNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        _ => 15,
    };
}
