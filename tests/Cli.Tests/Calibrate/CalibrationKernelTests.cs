using System.Text.Json;
using EdgeWasm.Cli.Calibrate;
using EdgeWasm.Cli.Tests.Run;
using EdgeWasm.Runtime;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Calibrate;

public sealed class CalibrationKernelTests
{
    [Fact]
    public void TheKernel_IsValid_Deterministic_AndCostsTheSameFuelPerIteration()
    {
        using var engine = new Engine(new EngineOptions().WithFuel(true));
        var module = Module.FromBytes(engine, CalibrationKernel.Bytes);
        (int Result, ulong Fuel) Run(int iterations)
        {
            using var store = new Store(engine);
            store.SetFuel(1_000_000_000);
            var result = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("run")!(iterations);
            return (result, store.FuelConsumed);
        }

        var thousand = Run(1000);
        var twoThousand = Run(2000);

        Assert.Equal(thousand, Run(1000));
        Assert.NotEqual(thousand.Result, twoThousand.Result);
        // 27 instructions in the loop body and 7 in the call: 34 per iteration, whatever the machine.
        Assert.Equal(34ul * 1000, twoThousand.Fuel - thousand.Fuel);
    }

    [Fact]
    public void Measure_GivesAPositiveFigurePerRound()
    {
        var result = Calibration.Measure(TimeSpan.FromMilliseconds(200), 3, CancellationToken.None);

        Assert.Equal(3, result.Rounds.Count);
        Assert.All(result.Rounds, r => Assert.True(r > 0));
        Assert.Contains(result.FuelPerCoreSecond, result.Rounds);
    }

    [Fact]
    public async Task CtrlC_StopsACalibration_WithTheStatusOfAnInterruptedProcess()
    {
        // Ten minutes of rounds: without the signal the test would time out.
        using var run = ChildProcess.StartDotNet(Path.Combine(AppContext.BaseDirectory, "EdgeWasm.Cli.dll"), ["calibrate", "--seconds", "300", "--rounds", "2"]);
        await run.WaitForOutputAsync("Running the calibration kernel", TimeSpan.FromSeconds(60));

        Posix.Signal(run.Id, 2);
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, exitCode);
        Assert.Contains("edgewasm calibrate: interrupted", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibrate_PrintsAProfileSnippet()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(CancellationToken.None, "calibrate", "--seconds", "0.2", "--rounds", "1", "--profile", "raspberry-pi-4-4gb");

        Assert.True(exitCode == 0, error);
        var profile = JsonDocument.Parse(output).RootElement;
        var fuel = profile.GetProperty("fuelPerCoreSecond").GetInt64();
        Assert.True(fuel > 0);
        Assert.Equal(fuel / 10, profile.GetProperty("defaultLimits").GetProperty("fuelPerSecond").GetInt64());
        Assert.Equal("raspberry-pi-4-4gb", profile.GetProperty("name").GetString());
        Assert.Contains("fuel per core-second", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seconds", "0")]
    [InlineData("--rounds", "0")]
    [InlineData("--profile", "no-such-device")]
    public async Task Calibrate_RefusesBadInput(string option, string value)
    {
        var (exitCode, _, error) = await CliProcess.RunAsync(CancellationToken.None, "calibrate", option, value);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("edgewasm calibrate:", error, StringComparison.Ordinal);
    }
}
