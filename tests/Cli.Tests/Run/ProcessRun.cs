using System.Diagnostics;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>How a child process ended and what it wrote.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <paramref name="start"/> to the end, feeding it <paramref name="stdin"/> (empty input when null).</summary>
    public static async Task<ProcessRun> RunAsync(ProcessStartInfo start, string? stdin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            if (stdin is not null) await process.StandardInput.WriteAsync(stdin.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessRun(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit={ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
