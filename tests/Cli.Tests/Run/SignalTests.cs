using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>Ctrl+C or a kill stops a running guest, and the run ends with the status of a process killed by that signal.</summary>
public sealed class SignalTests
{
    private const int SIGINT = 2;

    [Theory]
    [InlineData(SIGINT, 130)]
    [InlineData(Posix.SIGTERM, 143)]
    public async Task Signal_StopsAnEndlessGuest_WithTheStatusOfASignalledProcess(int signal, int expected)
    {
        using var run = ChildProcess.StartDotNet(Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll"), ["run", Fixtures.Wasm("wasi_spin")]);
        await run.WaitForOutputAsync("spinning", TimeSpan.FromSeconds(60));

        Posix.Signal(run.Id, signal);
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(expected, exitCode);
        Assert.DoesNotContain("trapped", run.Output, StringComparison.Ordinal);
    }
}
