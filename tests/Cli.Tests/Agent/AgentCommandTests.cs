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
    [InlineData(new[] { "--device", "pi-1", "--profile", "raspberry-pi-4-4gb", "--data", "DATA", "--iothub", "HostName=h.azure-devices.net;DeviceId=pi-2;SharedAccessKey=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" }, 2, "--iothub: the connection string is for device 'pi-2'")]
    [InlineData(new[] { "--device", "pi-1", "--profile", "raspberry-pi-4-4gb", "--data", "DATA", "--iothub-host", "h.azure-devices.net", "--iothub-cert", "DATA/no.pem", "--iothub-key", "DATA/no.key" }, 2, "--iothub-cert: ")]
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
        using var agent = ChildProcess.StartDotNet(
            Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll"),
            ["agent", "--device", "pi-1", "--profile", "raspberry-pi-zero-2w", "--data", folder.Combine("data"), "--desired", folder.Combine("desired.json")]);
        await agent.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));

        var exitCode = await agent.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit code {exitCode}: {agent.Output}");
        Assert.Contains("Agent stopped", agent.Output, StringComparison.Ordinal);
        Assert.Contains("profile raspberry-pi-zero-2w", agent.Output, StringComparison.Ordinal);
    }
}
