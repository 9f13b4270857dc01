using System.Diagnostics;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

/// <summary>
/// A standard stream that is a terminal is a terminal to the guest too, as under wasmtime, so wasi-libc's isatty()
/// answers as it does natively (and stdout is line-buffered on a terminal). The terminal is a real pseudo-terminal
/// made by util-linux's <c>script</c>.
/// </summary>
public sealed class TerminalTests
{
    [Fact]
    public async Task OnATerminal_IsattyAnswersAsNatively()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll");
        var ours = await InPseudoTerminalAsync($"'{DotNetHost.Path}' '{cli}' run '{Fixtures.Wasm("wasi_isatty")}'");
        var native = await InPseudoTerminalAsync($"'{Fixtures.Native("wasi_isatty")}'");

        Assert.Equal("stdin=1 stdout=1 stderr=1", native);
        Assert.Equal(native, ours);
    }

    [Fact]
    public async Task OnPipes_NothingIsATerminal()
    {
        var start = new ProcessStartInfo(DotNetHost.Path)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll"), "run", Fixtures.Wasm("wasi_isatty") }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal((0, "stdin=0 stdout=0 stderr=0\n"), (process.ExitCode, output));
    }

    // Runs a shell command with stdin, stdout and stderr on a new pseudo-terminal; returns what it printed, trimmed.
    private static async Task<string> InPseudoTerminalAsync(string command)
    {
        var start = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        Assert.True(process.ExitCode == 0, $"script exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return (await output).Trim();
    }
}
