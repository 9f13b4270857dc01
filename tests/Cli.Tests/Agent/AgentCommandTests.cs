using System.Diagnostics;
using System.Text;
using EdgeWasm.Cli.Tests.Run;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Agent;

/// <summary><c>edgewasm agent</c> as users start it: the built CLI in a child process.</summary>
public sealed class AgentCommandTests
{
    [Theory]
    [InlineData(new[] { "--profile", "raspberry-pi-4-4gb", "--data", "/tmp/x" }, 1, "Option '--device' is required")]
    [InlineData(new[] { "--device", "pi-1", "--profile", "raspberry-pi-4-4gb", "--data", "DATA", "--heartbeat", "soon" }, 2, "--heartbeat \"soon\" is not a duration")]
    [InlineData(new[] { "--device", "pi-1", "--profile", "pi-9", "--data", "DATA" }, 2, "unknown hardware profile 'pi-9'")]
    [InlineData(new[] { "--device", "pi-1", "--profile", "raspberry-pi-4-4gb", "--data", "DATA", "--desired", "DATA/d.json", "--mqtt", "mqtt://localhost" }, 2, "not both")]
    [InlineData(new[] { "--device", "pi-1", "--profile", "raspberry-pi-4-4gb", "--data", "DATA", "--mqtt", "http://localhost" }, 2, "--mqtt: broker URL 'http://localhost' is not mqtt://")]
    public async Task BadArguments_AreRefusedWithAMessage(string[] arguments, int exitCode, string expected)
    {
        using var folder = new TempDirectory("edgewasm-cli-agent");
        var args = arguments.Select(a => a.Replace("DATA", folder.Path, StringComparison.Ordinal)).Prepend("agent").ToArray();

        var (code, _, error) = await CliProcess.RunAsync(CancellationToken.None, args);

        Assert.Equal(exitCode, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAgent_RunsUntilSigterm_AndThenStopsCleanly()
    {
        using var folder = new TempDirectory("edgewasm-cli-agent");
        var start = new ProcessStartInfo(DotNetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll"), "agent", "--device", "pi-1", "--profile", "raspberry-pi-zero-2w", "--data", folder.Combine("data"), "--desired", folder.Combine("desired.json") })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Logged(output, "Application started"))
            {
                Assert.False(process.HasExited, $"the agent exited early: {Logged(output)}");
                Assert.True(DateTime.UtcNow < deadline, $"the agent did not start: {Logged(output)}");
                await Task.Delay(50);
            }

            Posix.Signal(process.Id, Posix.SIGTERM);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(patience.Token);

            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {Logged(output)}");
            Assert.True(Logged(output, "Agent stopped"), Logged(output));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static string Logged(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static bool Logged(StringBuilder output, string text) => Logged(output).Contains(text, StringComparison.Ordinal);
}
