using EdgeWasm.EdgeAgent.Modules;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Runtime;
using EdgeWasm.Runtime.Wasi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>
/// What every run shares: one engine (fuel metering on), one linker with WASI, the compiled modules, the volume
/// layout and the log store. <see cref="Start"/> begins a run on its own thread.
/// </summary>
internal sealed class WorkloadRuntime : IDisposable
{
    /// <summary>Stack beyond the engine's guest stack for the runner, host calls and the engine's own reserve.</summary>
    private const int HostStackBytes = 1024 * 1024;

    /// <summary>Creates the engine and linker.</summary>
    public WorkloadRuntime(ModuleCache cache, AgentStore store, VolumeLayout volumes, IOptions<SupervisorOptions> options, StoreOptions storeOptions, TimeProvider time, ILogger<WorkloadRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(storeOptions);
        Options = options.Value;
        Time = time;
        Logger = logger;
        Volumes = volumes;
        Logs = store.Logs;
        MaxLogLineBytes = storeOptions.MaxLogLineBytes;
        Engine = new Engine(new EngineOptions().WithFuel(true).WithTimeProvider(time));
        Linker = new Linker(Engine).DefineWasi();
        Modules = new ModuleLoader(Engine, cache);
    }

    /// <summary>The engine all workloads run in.</summary>
    public Engine Engine { get; }

    /// <summary>WASI preview 1, bound to each store's own context.</summary>
    public Linker Linker { get; }

    /// <summary>Compiled modules by digest.</summary>
    public ModuleLoader Modules { get; }

    /// <summary>Where volumes live.</summary>
    public VolumeLayout Volumes { get; }

    /// <summary>The workloads' log rings.</summary>
    public LogStore Logs { get; }

    /// <summary>Supervisor settings (fuel burst, log buffers, listen address).</summary>
    public SupervisorOptions Options { get; }

    /// <summary>The agent's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>For the runs' messages.</summary>
    public ILogger Logger { get; }

    /// <summary>Longest log line kept (the store's limit).</summary>
    public int MaxLogLineBytes { get; }

    /// <summary>Thread stack size for a run: the engine's guest stack plus room for the host.</summary>
    public int ThreadStackBytes => Engine.Options.GuestStackSize + HostStackBytes;

    /// <summary>Starts <paramref name="request"/> on its own thread.</summary>
    public WorkloadRun Start(RunRequest request)
    {
        var run = new WorkloadRun(request, this);
        run.Start();
        return run;
    }

    /// <inheritdoc />
    public void Dispose() => Engine.Dispose();
}
