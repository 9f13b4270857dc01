using EdgeWasm.TestSupport;

namespace EdgeWasm.Cli.Tests.Run;

public sealed class RunCommandTests
{
    private static readonly string Compute = Fixtures.Wasm("compute");

    [Fact]
    public async Task Run_InvokesAnExport_AndPrintsItsResult()
    {
        var (exit, output, error) = await CliProcess.RunAsync(CancellationToken.None, "run", "--invoke", "fib", Compute, "25");

        Assert.Equal(0, exit);
        Assert.Equal("75025\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Run_PrintsEveryResultInWasmTextStyle()
    {
        var (exit, output, _) = await CliProcess.RunAsync(CancellationToken.None, "run", "--invoke", "swap", Compute, "-7", "0x10", "1.5", "-0");

        Assert.Equal(0, exit);
        Assert.Equal("-0\n1.5\n16\n-7\n", output);
    }

    [Fact]
    public async Task Run_TreatsEverythingAfterTheModuleAsArguments()
    {
        var (exit, _, error) = await CliProcess.RunAsync(CancellationToken.None, "run", "--invoke", "fib", Compute, "--fuel");

        Assert.Equal(1, exit);
        Assert.Contains("argument 1 \"--fuel\" is not a valid i64", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trap_PrintsItsCodeAndBacktrace_AndFails()
    {
        var (exit, output, error) = await CliProcess.RunAsync(CancellationToken.None, "run", "--invoke", "outer", Compute, "0");

        Assert.Equal(134, exit);
        Assert.Empty(output);
        Assert.Contains("IntegerDivisionByZero", error, StringComparison.Ordinal);
        Assert.Contains("0: func[8] <inner>", error, StringComparison.Ordinal);
        Assert.Contains("2: func[10] <outer>", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuel_RunsOut()
    {
        var (exit, _, error) = await CliProcess.RunAsync(CancellationToken.None, "run", "--fuel", "1000", "--invoke", "sum", Compute, "100000");

        Assert.Equal(134, exit);
        Assert.Contains("OutOfFuel", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_InterruptsAnEndlessLoop()
    {
        var (exit, _, error) = await CliProcess.RunAsync(CancellationToken.None, "run", "--timeout", "300ms", "--invoke", "spin", Compute);

        Assert.Equal(134, exit);
        Assert.Contains("Interrupted", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxMemory_BelowTheModulesMinimum_FailsToInstantiate()
    {
        var (exit, _, error) = await CliProcess.RunAsync(CancellationToken.None, "run", "--max-memory", "32KiB", "--invoke", "fib", Compute, "1");

        Assert.Equal(1, exit);
        Assert.Contains("exceeds the store's limit of 32768 bytes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "exports no function \"nope\"")]
    [InlineData("fib", "takes 1 arguments")]
    public async Task BadRequest_ExplainsWhatIsWrong(string export, string expected)
    {
        var (exit, _, error) = await CliProcess.RunAsync(CancellationToken.None, "run", "--invoke", export, Compute);

        Assert.Equal(1, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_IsAClearError()
    {
        var (exit, _, error) = await CliProcess.RunAsync(CancellationToken.None, "run", "--invoke", "f", "/nonexistent/m.wasm");

        Assert.Equal(1, exit);
        Assert.Contains("m.wasm", error, StringComparison.Ordinal);
    }
}
