using System.Diagnostics;
using System.Runtime;
using EdgeWasm.Runtime;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Wasi;

namespace EdgeWasm.Benchmarks.Kernels.Runners;

/// <summary>
/// Our engine, in this process, the way the agent uses it: one long-lived <see cref="Runtime.Engine"/> (per fuel setting),
/// and per run a fresh <see cref="Runtime.Module"/> and <see cref="Store"/>. A fresh module means fresh generated code, so
/// every run pays for RyuJIT compiling the guest's functions on first call (the engine compiles lazily); the
/// engine's own code is warm, as in a long-running agent. Module load (decode, validate, emit IL) is timed
/// separately; the main time is instantiate + <c>_start</c>. The warm variant keeps each kernel's module from its
/// first (warm-up) run and runs it again in a fresh store: generated code is shared by a module's instances, so
/// those runs pay no JIT, which separates the cost of compiling from the quality of the compiled code.
/// </summary>
internal sealed class EdgeWasmRunner : IKernelRunner, IDisposable
{
    private readonly Runtime.Engine _engine;
    private readonly bool _fuel;
    private readonly Dictionary<Kernel, Runtime.Module>? _warmModules;

    /// <summary>A runner with fuel metering on or off; <paramref name="warm"/> reuses each kernel's module (and its compiled code).</summary>
    public EdgeWasmRunner(bool fuel, bool warm = false)
    {
        _fuel = fuel;
        _warmModules = warm ? [] : null;
        _engine = new Runtime.Engine(new EngineOptions().WithFuel(fuel));
    }

    /// <inheritdoc />
    public string Name => (_fuel ? "edgewasm+fuel" : "edgewasm") + (_warmModules is null ? "" : "-warm");

    /// <inheritdoc />
    public string Measures => (_fuel ? "fuel on; " : "") + (_warmModules is not null
        ? "in-process wall/CPU time of instantiate + _start of a module that already ran once (its code is JIT-compiled), in a fresh store: the steady state an ahead-of-time code cache would give"
        : "in-process wall/CPU time of instantiate + _start, RyuJIT compiling each guest function on its first call included; module load (decode, validate, emit IL) reported apart");

    /// <inheritdoc />
    public Task<RunResult> RunAsync(Kernel kernel, string scratchDirectory, CancellationToken cancellationToken)
    {
        var bytes = File.ReadAllBytes(kernel.WasmPath);
        var linker = new Linker(_engine).DefineWasi();

        // Garbage of earlier runs (the harness's and the collectible assemblies of earlier modules) is not this run's cost.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        TimeSpan? loadWall = null, loadCpu = null;
        var clock = new Stopwatch();
        if (_warmModules is null || !_warmModules.TryGetValue(kernel, out var module))
        {
            var cpuBefore = ResourceUsage.SelfCpu();
            clock.Start();
            module = Runtime.Module.FromBytes(_engine, bytes, kernel.Name);
            loadWall = clock.Elapsed;
            loadCpu = ResourceUsage.SelfCpu() - cpuBefore;
            _warmModules?.Add(kernel, module);
        }

        using var stdout = new OutputDigest();
        using var stderr = new OutputDigest();
        using var wasi = new WasiConfiguration()
            .WithArgument(kernel.Name)
            .WithPreopenedDirectory(scratchDirectory, ".")
            .WithStandardOutput(stdout)
            .WithStandardError(stderr)
            .Build();
        using var store = new Store(_engine, wasi);
        if (_fuel) store.SetFuel(long.MaxValue);
        store.SetDeadline(cancellationToken);

        int exitCode;
        string? problem = null;
        var jit = JitInfo.GetCompilationTime();
        var jitMethods = JitInfo.GetCompiledMethodCount();
        var cpu = ResourceUsage.SelfCpu();
        clock.Restart();
        try
        {
            linker.Instantiate(store, module).GetFunction("_start")!.Invoke();
            exitCode = 0;
        }
        catch (WasmExitException exit)
        {
            exitCode = exit.ExitCode;
        }
        catch (WasmTrapException trap) when (trap.Code == TrapCode.Interrupted && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (WasmTrapException trap)
        {
            exitCode = -1;
            problem = trap.Describe();
        }
        catch (WasmException error)
        {
            exitCode = -1;
            problem = error.Message;
        }

        clock.Stop();
        cpu = ResourceUsage.SelfCpu() - cpu;
        jit = JitInfo.GetCompilationTime() - jit;
        jitMethods = JitInfo.GetCompiledMethodCount() - jitMethods;
        return Task.FromResult(new RunResult
        {
            Wall = clock.Elapsed,
            Cpu = cpu,
            ExitCode = exitCode,
            StdoutSha256 = stdout.Finish(),
            StdoutHead = stdout.Head,
            LoadWall = loadWall,
            LoadCpu = loadCpu,
            Jit = jit,
            JitMethods = jitMethods,
            Fuel = _fuel ? store.FuelConsumed : null,
            Problem = problem,
        });
    }

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();
}
