using System.Diagnostics;
using System.Text;

namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>Runs a program to completion, hashing its stdout and timing it by wall clock and by CPU.</summary>
internal static class ChildProcess
{
    private const int StderrLimit = 64 * 1024;

    /// <summary>
    /// Starts <paramref name="file"/> in <paramref name="workingDirectory"/> and waits for it. CPU time comes from
    /// getrusage(RUSAGE_CHILDREN) around the run, so only one child may run at a time (the harness is sequential).
    /// </summary>
    public static async Task<ChildRun> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);

        using var stdout = new OutputDigest();
        var stderr = new StringBuilder();
        var cpuBefore = ResourceUsage.ChildrenCpu();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        try
        {
            var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
            var copyErr = ReadLimitedAsync(process.StandardError, stderr, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            clock.Stop();
            await Task.WhenAll(copyOut, copyErr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ChildRun(clock.Elapsed, ResourceUsage.ChildrenCpu() - cpuBefore, process.ExitCode, stdout.Finish(), stdout.Head, stderr.ToString());
    }

    /// <summary>Runs a tool and returns its exit code and output (stdout, then stderr); for builds and version checks.</summary>
    public static async Task<(int ExitCode, string Output)> RunToolAsync(string file, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = new StringBuilder();
        try
        {
            var readOut = ReadLimitedAsync(process.StandardOutput, output, cancellationToken);
            var readErr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await readOut;
            output.Append(await readErr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, output.ToString());
    }

    // Keeps the first StderrLimit characters and drains the rest, so a chatty child never blocks on a full pipe.
    private static async Task ReadLimitedAsync(StreamReader reader, StringBuilder into, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (into.Length < StderrLimit) into.Append(buffer, 0, Math.Min(read, StderrLimit - into.Length));
        }
    }
}
