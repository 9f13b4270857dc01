using System.Globalization;

namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>
/// Node's V8 through bench/peers/node-wasi.mjs (node:wasi, the scratch directory preopened as "."). The time is
/// what the script measures in-process: instantiate + <c>_start</c>, after WebAssembly.compile. With
/// <paramref name="turboFanOnly"/> V8 runs with --no-liftoff: V8 cannot tier up a function that is already running,
/// so with its default tiering a kernel whose hot loop clang inlined into main stays in Liftoff code.
/// </summary>
internal sealed class NodeRunner(string nodePath, string scriptPath, bool turboFanOnly) : IKernelRunner
{
    private const string WallPrefix = "edgewasm-bench-ms ";
    private const string CpuPrefix = "edgewasm-bench-cpu-ms ";

    /// <inheritdoc />
    public string Name => turboFanOnly ? "v8-turbofan" : "v8";

    /// <inheritdoc />
    public string Measures => turboFanOnly
        ? "node --no-liftoff: in-script wall/CPU time of instantiate + _start (TurboFan compile happens before, in WebAssembly.compile)"
        : "node (default tiering, Liftoff then TurboFan): in-script wall/CPU time of instantiate + _start";

    /// <inheritdoc />
    public async Task<RunResult> RunAsync(Kernel kernel, string scratchDirectory, CancellationToken cancellationToken)
    {
        List<string> arguments = ["--no-warnings"];
        if (turboFanOnly) arguments.Add("--no-liftoff");
        arguments.AddRange([scriptPath, "--dir", scratchDirectory, kernel.WasmPath]);
        var run = await ChildProcess.RunAsync(nodePath, arguments, scratchDirectory, cancellationToken);
        var wall = Milliseconds(run.Stderr, WallPrefix);
        var cpu = Milliseconds(run.Stderr, CpuPrefix);
        if (wall is null || cpu is null)
        {
            return run.ToResult() with { Problem = $"node-wasi.mjs printed no timing: {run.Stderr.Trim()}" };
        }

        return run.ToResult() with { Wall = wall.Value, Cpu = cpu.Value };
    }

    private static TimeSpan? Milliseconds(string stderr, string prefix)
    {
        foreach (var line in stderr.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal)
                && double.TryParse(line.AsSpan(prefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        return null;
    }
}
