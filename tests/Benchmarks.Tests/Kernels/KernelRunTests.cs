using EdgeWasm.Benchmarks.Kernels;
using EdgeWasm.Benchmarks.Kernels.Runners;
using EdgeWasm.TestSupport;

namespace EdgeWasm.Benchmarks.Tests.Kernels;

/// <summary>Real kernels, built with clang for wasm32-wasi and natively, run by the real runners.</summary>
public sealed class KernelRunTests : IDisposable
{
    private const string Agrees = """
        // Writes a file in the preopened directory, reads it back and prints a checksum.
        #include <stdio.h>
        int main(void) {
            FILE *f = fopen("data.txt", "w");
            if (!f) return 9;
            for (int i = 0; i < 1000; i++) fprintf(f, "%d\n", i * i);
            fclose(f);
            f = fopen("data.txt", "r");
            long sum = 0, v;
            while (fscanf(f, "%ld", &v) == 1) sum += v;
            fclose(f);
            printf("sum %ld\n", sum);
            return 0;
        }
        """;

    private const string PrintsLongSize = """
        // bench-group: wasi
        #include <stdio.h>
        int main(void) { printf("long is %zu bytes\n", sizeof(long)); return 0; }
        """;

    private const string ExitsOnWasm = """
        int main(void) { return sizeof(long) == 8 ? 0 : 5; }
        """;

    private readonly TempDirectory _root = new("edgewasm-bench-test");
    private readonly NativeRunner _native = new();
    private readonly EdgeWasmRunner _ours = new(fuel: true);

    public void Dispose()
    {
        _ours.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task AKernelThatBehavesTheSame_PassesUnderOurEngine_WithFuelCounted()
    {
        var (kernel, reference, sample) = await MeasureAgainstNativeAsync("agrees", Agrees);

        Assert.Null(sample.Failure);
        Assert.Equal("compute", kernel.Group);
        Assert.Equal("sum 332833500\n", reference.StdoutHead);
        Assert.Equal(reference.StdoutSha256, sample.Result.StdoutSha256);
        Assert.True(sample.Result.Fuel > 10_000);
        Assert.NotNull(sample.Result.LoadCpu);
        Assert.True(sample.Result.Cpu > TimeSpan.Zero);
    }

    [Fact]
    public async Task DifferentOutput_IsAFailure()
    {
        var (kernel, _, sample) = await MeasureAgainstNativeAsync("longsize", PrintsLongSize);

        Assert.Equal("wasi", kernel.Group);
        Assert.Contains("stdout differs from native's", sample.Failure, StringComparison.Ordinal);
        Assert.Contains("long is 4 bytes", sample.Failure, StringComparison.Ordinal);
        Assert.Contains("long is 8 bytes", sample.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DifferentExitCode_IsAFailure()
    {
        var (_, _, sample) = await MeasureAgainstNativeAsync("exits", ExitsOnWasm);

        Assert.Equal("exit code 5, native gave 0; stdout: ", sample.Failure);
    }

    [Fact]
    public async Task Build_RejectsAnUnknownKernelName()
    {
        await File.WriteAllTextAsync(_root.Combine("fib.c"), ExitsOnWasm);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            KernelBuilder.BuildAsync(_root.Path, _root.Combine("out"), new HashSet<string> { "fbi" }, TextWriter.Null, CancellationToken.None));

        Assert.Equal("--only: no kernel named 'fbi' (there are: fib)", error.Message);
    }

    // Builds the source both ways, runs it natively for the reference, then once under our engine with the harness's check.
    private async Task<(Kernel Kernel, RunResult Reference, Sample Sample)> MeasureAgainstNativeAsync(string name, string source)
    {
        var sources = _root.Combine("src-" + name);
        Directory.CreateDirectory(sources);
        await File.WriteAllTextAsync(Path.Combine(sources, name + ".c"), source);
        var kernel = Assert.Single(await KernelBuilder.BuildAsync(sources, _root.Combine("out"), null, TextWriter.Null, CancellationToken.None));
        var scratch = _root.Combine("reference");
        Directory.CreateDirectory(scratch);
        var reference = await _native.RunAsync(kernel, scratch, CancellationToken.None);
        var sample = await KernelsCommand.MeasureAsync(1, kernel, _ours, reference, _root.Combine("scratch"), CancellationToken.None);
        return (kernel, reference, sample);
    }
}
