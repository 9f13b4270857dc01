using EdgeWasm.Benchmarks.Kernels;
using EdgeWasm.Benchmarks.Kernels.Runners;

namespace EdgeWasm.Benchmarks.Tests.Kernels;

public sealed class KernelReportTests : IDisposable
{
    private static readonly Kernel A = new("alpha", "compute", "alpha.wasm", "alpha.native");
    private static readonly Kernel B = new("beta", "wasi", "beta.wasm", "beta.native");
    private static readonly MachineInfo Machine = new("test cpu", 2, "test os", ".NET test", "v0", "clang test", "wizer test");
    private readonly EdgeWasmRunner _ours = new(fuel: false);
    private readonly EdgeWasmRunner _oursWithFuel = new(fuel: true);

    public void Dispose()
    {
        _ours.Dispose();
        _oursWithFuel.Dispose();
    }

    [Fact]
    public void ToMarkdown_ShowsMediansRatiosAndGeometricMeansPerGroup()
    {
        var report = Report(
        [
            Run(1, A, "native", 100), Run(2, A, "native", 90), Run(3, A, "native", 110),
            Run(1, A, "edgewasm", 180), Run(2, A, "edgewasm", 200), Run(3, A, "edgewasm", 260),
            Run(1, A, "edgewasm+fuel", 300), Run(2, A, "edgewasm+fuel", 300), Run(3, A, "edgewasm+fuel", 300),
            Run(1, B, "native", 50), Run(1, B, "edgewasm", 200), Run(1, B, "edgewasm+fuel", 200),
        ]);

        var markdown = report.ToMarkdown();

        Assert.True(report.AllPassed);
        Assert.Contains("| alpha | 100 | 5.0 | 200 | 300 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| alpha | 2.00× | 1.50× |", markdown, StringComparison.Ordinal);
        Assert.Contains("| beta | 4.00× | 1.00× |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **geomean all** (2) | 2.83× | 1.22× |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **geomean compute** (1) | 2.00× | 1.50× |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **geomean wasi** (1) | 4.00× | 1.00× |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMarkdown_GivesNoMedianToARunnerWithAWrongAnswer()
    {
        var report = Report(
        [
            Run(1, A, "native", 100), Run(2, A, "native", 100),
            Run(1, A, "edgewasm", 150), Run(2, A, "edgewasm", 150) with { Failure = "stdout differs from native's" },
            Run(1, A, "edgewasm+fuel", 150), Run(2, A, "edgewasm+fuel", 150),
        ]);

        var markdown = report.ToMarkdown();

        Assert.False(report.AllPassed);
        Assert.Contains("| alpha | 100 | FAIL/– | FAIL/– | 150 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| alpha | – | – |", markdown, StringComparison.Ordinal);
        Assert.Contains("round 2, alpha under edgewasm: stdout differs from native's", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCsv_HasOneLinePerRun()
    {
        var csv = Report([Run(1, A, "native", 100), Run(1, A, "edgewasm", 150)]).ToCsv().Trim().Split('\n');

        Assert.Equal(3, csv.Length);
        Assert.Equal("round,kernel,group,runner,wall_ms,cpu_ms,load_wall_ms,load_cpu_ms,jit_ms,jit_methods,fuel,ok", csv[0]);
        Assert.Equal("1,alpha,compute,edgewasm,300.000,150.000,5.000,5.000,,,,1", csv[2]);
    }

    private KernelReport Report(IReadOnlyList<Sample> samples) =>
        new([A, B], [new NativeRunner(), _ours, _oursWithFuel], samples, Machine, "1 1 1", "1 1 1", rounds: 3);

    private static Sample Run(int round, Kernel kernel, string runner, double cpuMs) => new(round, kernel, runner, new RunResult
    {
        Wall = TimeSpan.FromMilliseconds(cpuMs * 2),
        Cpu = TimeSpan.FromMilliseconds(cpuMs),
        ExitCode = 0,
        StdoutSha256 = "00",
        StdoutHead = "",
        LoadCpu = runner.StartsWith("edgewasm", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(5) : null,
        LoadWall = runner.StartsWith("edgewasm", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(5) : null,
    }, null);
}
