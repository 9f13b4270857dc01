using System.Diagnostics;
using System.Text;

namespace EdgeWasm.TestSupport;

/// <summary>
/// A .NET program (<c>dotnet PROGRAM.dll ...</c>) in a child process, its stdout and stderr collected, stopped with
/// SIGTERM the way systemd stops it. Dispose kills it if it still runs.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything it wrote so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="assembly"/> <paramref name="args"/></c> with extra <paramref name="environment"/>.</summary>
    public static ChildProcess StartDotNet(string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotNetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails if the process ends or time runs out first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline) throw new TimeoutException($"no '{text}' in the output of process {Id}: {Output}");
            await Task.Delay(20);
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public Task<int> TerminateAsync(TimeSpan patience)
    {
        Posix.Signal(_process.Id, Posix.SIGTERM);
        return WaitForExitAsync(patience);
    }

    /// <summary>Waits for the process to end and returns its exit code; throws if it runs past <paramref name="patience"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
