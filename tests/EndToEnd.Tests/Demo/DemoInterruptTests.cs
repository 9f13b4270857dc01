using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.EndToEnd.Tests.Demo;

/// <summary>The interactive demo: its table refreshes as the examples change, and Ctrl+C (SIGINT) stops every part it started.</summary>
public sealed class DemoInterruptTests(ITestOutputHelper output)
{
    private const int SigInt = 2;

    [Fact]
    public async Task Interactive_RefreshesTheTable_AndSigintStopsEverythingCleanly()
    {
        using var demo = DemoRun.Start("--keep");
        try
        {
            // Output to a pipe: each changed table is printed again; the devices come up and report.
            await demo.Process.WaitForOutputAsync("Ctrl+C stops the demo", TimeSpan.FromMinutes(3));
            await demo.Process.WaitForOutputAsync("sensor-average  pi-zero  Running", TimeSpan.FromMinutes(3));
            var work = demo.WorkDirectory;

            Posix.Signal(demo.Process.Id, SigInt);
            var exit = await demo.Process.WaitForExitAsync(TimeSpan.FromMinutes(1));
            output.WriteLine(demo.Process.Output);

            Assert.Equal(0, exit);
            Assert.False(DemoRun.IsListening(demo.BrokerPort), "the broker is stopped");
            Assert.False(DemoRun.IsListening(demo.RegistryPort), "the registry is stopped");
            // --keep: the logs stay, and the agents said they stopped on SIGTERM (a clean stop, not a kill).
            Assert.True(File.Exists(Path.Combine(work, "logs", "agent-pi-4.log")));
            Assert.Contains("Agent stopped", await File.ReadAllTextAsync(Path.Combine(work, "logs", "agent-pi-4.log")), StringComparison.Ordinal);
            Directory.Delete(work, recursive: true);
        }
        finally
        {
            output.WriteLine(demo.Process.Output);
        }
    }
}
