namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>
/// Wasmtime (Cranelift) as embedded in wizer: it instantiates the module, runs <c>_start</c> under WASI with the
/// scratch directory preopened as ".", then snapshots the instance into a module written to /dev/null. wizer
/// cannot pass argv, so every runner uses the kernels' default sizes.
/// </summary>
internal sealed class WizerRunner(string wizerPath) : IKernelRunner
{
    /// <inheritdoc />
    public string Name => "wasmtime";

    /// <inheritdoc />
    public string Measures => "process wall/CPU time of `wizer --allow-wasi --init-func _start`: Cranelift compile of the whole module, run, and the memory snapshot at the end";

    /// <inheritdoc />
    public async Task<RunResult> RunAsync(Kernel kernel, string scratchDirectory, CancellationToken cancellationToken)
    {
        string[] arguments = ["--allow-wasi", "--init-func", "_start", "--dir", ".", "-o", "/dev/null", kernel.WasmPath];
        var run = await ChildProcess.RunAsync(wizerPath, arguments, scratchDirectory, cancellationToken);
        return run.ToResult();
    }
}
