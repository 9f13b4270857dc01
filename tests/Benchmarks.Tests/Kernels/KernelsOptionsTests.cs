using EdgeWasm.Benchmarks.Kernels;

namespace EdgeWasm.Benchmarks.Tests.Kernels;

public sealed class KernelsOptionsTests
{
    [Fact]
    public void Parse_WithoutArguments_RunsEverythingFiveRounds()
    {
        var options = KernelsOptions.Parse([]);
        Assert.Equal(5, options.Rounds);
        Assert.Equal(1, options.Warmup);
        Assert.Null(options.Only);
        Assert.Equal(KernelsOptions.AllRunners.Order(), options.Runners.Order());
    }

    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var options = KernelsOptions.Parse(["--rounds", "9", "--warmup", "0", "--only", "fib, hash", "--runners", "v8,edgewasm", "--out", "x.md", "--scratch", "/tmp/s"]);
        Assert.Equal(9, options.Rounds);
        Assert.Equal(0, options.Warmup);
        Assert.Equal(["fib", "hash"], options.Only!.Order());
        Assert.Equal(["edgewasm", "native", "v8"], options.Runners.Order());
        Assert.Equal("x.md", options.Output);
        Assert.Equal("/tmp/s", options.Scratch);
    }

    [Theory]
    [InlineData(new[] { "--rounds", "0" }, "--rounds must be a whole number from 1")]
    [InlineData(new[] { "--rounds", "many" }, "--rounds must be a whole number")]
    [InlineData(new[] { "--warmup", "-1" }, "--warmup must be a whole number from 0")]
    [InlineData(new[] { "--rounds" }, "--rounds needs a value")]
    [InlineData(new[] { "--runners", "v8,spidermonkey" }, "unknown runner 'spidermonkey'")]
    [InlineData(new[] { "--only", "," }, "an empty list")]
    [InlineData(new[] { "--fast" }, "unknown option '--fast'")]
    public void Parse_BadInput_SaysWhatIsWrong(string[] args, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => KernelsOptions.Parse(args));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
