using EdgeWasm.TestSupport;
using Xunit.Abstractions;

namespace EdgeWasm.EndToEnd.Tests.Demo;

/// <summary>
/// <c>edgewasm demo --until-settled</c> as CI runs it: the whole loop (broker, registry, compile and push, static-pod
/// bridge, three agents) reaches every example's expected state, prints the table, exits 0, and leaves nothing behind.
/// </summary>
public sealed class DemoCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task UntilSettled_EveryExampleReachesItsExpectedState_ThenEverythingStopsAndTheFolderGoes()
    {
        using var demo = DemoRun.Start("--until-settled", "--timeout", "240s");

        // Generous: on a loaded 2-core CI machine the build, six pushes and three agents take a while.
        var exit = await demo.Process.WaitForExitAsync(TimeSpan.FromMinutes(5));
        output.WriteLine(demo.Process.Output);

        Assert.Equal(0, exit);
        Assert.Contains("6/6 examples as expected", demo.Process.Output, StringComparison.Ordinal);
        foreach (var line in new[] { "crasher ", "http-hello ", "memory-hog ", "prime-job ", "sensor-average ", "spinner " })
        {
            Assert.Contains(demo.Process.Output.Split('\n'), l => l.StartsWith(line, StringComparison.Ordinal) && l.Contains(" ok ", StringComparison.Ordinal));
        }

        Assert.False(Directory.Exists(demo.WorkDirectory), "the demo removes its folder");
        Assert.False(DemoRun.IsListening(demo.BrokerPort), "the broker is stopped");
        Assert.False(DemoRun.IsListening(demo.RegistryPort), "the registry is stopped");
    }
}
