using System.Diagnostics;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>The guest's stdout is the process's own: a reader that goes away stops a guest that floods it.</summary>
public sealed class StandardStreamTests
{
    [Fact]
    public async Task ClosedStdoutPipe_FailsTheGuestsWrites_InsteadOfDiscardingThemForever()
    {
        var start = new ProcessStartInfo(DotNetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // 4 GiB of output: far more than the test waits for if writes were discarded.
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll"), "run", Fixtures.Wasm("wasi_flood"), "4096" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();

        var head = new char[100];
        await process.StandardOutput.ReadBlockAsync(head);
        process.StandardOutput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }

        Assert.StartsWith("flood line 0000000000", new string(head), StringComparison.Ordinal);
        // EPIPE, as wasmtime gives and as a native program sees it when it ignores SIGPIPE.
        Assert.Equal((1, "write failed: Broken pipe\n"), (process.ExitCode, await error));
    }
}
