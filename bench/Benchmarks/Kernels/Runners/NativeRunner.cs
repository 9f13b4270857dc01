namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>The kernel built natively with clang -O2 and glibc; the reference for time and output.</summary>
internal sealed class NativeRunner : IKernelRunner
{
    /// <inheritdoc />
    public string Name => "native";

    /// <inheritdoc />
    public string Measures => "process wall/CPU time of the clang -O2 binary (process start included, about 1 ms)";

    /// <inheritdoc />
    public async Task<RunResult> RunAsync(Kernel kernel, string scratchDirectory, CancellationToken cancellationToken)
    {
        var run = await ChildProcess.RunAsync(kernel.NativePath, [], scratchDirectory, cancellationToken);
        return run.ToResult();
    }
}
