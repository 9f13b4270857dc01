using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EdgeWasm.Cli.Demo;

/// <summary>
/// A program the demo started (broker, registry, bridge, agent), its stdout and stderr appended to a log file. It runs
/// in its own session (<c>setsid</c>), so a Ctrl+C in the terminal reaches only the demo, which then stops its children
/// in order. <see cref="StopAsync"/> sends SIGTERM and waits; <see cref="Dispose"/> kills what still runs.
/// </summary>
internal sealed partial class ChildProcessHandle : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProcessHandle(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    /// <summary>What the demo calls it (bridge, agent pi-4, ...).</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once it ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="program"/> with <paramref name="args"/> and extra <paramref name="environment"/>, logging to <paramref name="logPath"/>.</summary>
    public static ChildProcessHandle Start(string name, string program, IEnumerable<string> args, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            log.Dispose();
            process.Dispose();
            throw new InvalidOperationException($"cannot start {name} ({program}): {ex.Message}; run scripts/install-deps.sh", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcessHandle(name, process, log);
    }

    /// <summary>Sends SIGTERM and waits up to <paramref name="patience"/> for the exit; then kills it.</summary>
    public async Task StopAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, SigTerm);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillNow();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        KillNow();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private void KillNow()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the demo closed the log has nowhere to go.
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
