using System.Net;
using System.Net.Sockets;
using EdgeWasm.EdgeAgent.Store;
using EdgeWasm.Runtime;
using EdgeWasm.Runtime.Wasi;

namespace EdgeWasm.EdgeAgent.Supervision.Running;

/// <summary>
/// One run of a workload on its own thread, which is the engine's guest thread: its own <see cref="Runtime.Store"/>
/// with the memory limit, fuel from a <see cref="FuelBucket"/> at the workload's rate, the deadline as a timer that
/// interrupts the store, volumes as preopens, the listening port as a TCP listener handed to WASI, and stdout/stderr
/// pumped into the log store. <see cref="Completion"/> says how it ended.
/// </summary>
internal sealed class WorkloadRun
{
    private readonly RunRequest _request;
    private readonly WorkloadRuntime _runtime;
    private readonly TaskCompletionSource<RunOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Runtime.Store? _store;
    private bool _stopRequested;
    private volatile bool _deadlineHit;

    /// <summary>Prepares the run; <see cref="Start"/> starts its thread.</summary>
    public WorkloadRun(RunRequest request, WorkloadRuntime runtime)
    {
        _request = request;
        _runtime = runtime;
    }

    /// <summary>What runs.</summary>
    public RunRequest Request => _request;

    /// <summary>Completes with the outcome when the run has ended and its output is stored.</summary>
    public Task<RunOutcome> Completion => _done.Task;

    /// <summary>Starts the thread.</summary>
    public void Start()
    {
        var thread = new Thread(Run, _runtime.ThreadStackBytes) { IsBackground = true, Name = "wasm " + _request.Spec.Id };
        thread.Start();
    }

    /// <summary>Asks the run to stop: the guest traps with Interrupted at its next loop or call, or wakes from a blocking call. Thread-safe.</summary>
    public void RequestStop()
    {
        Runtime.Store? store;
        lock (_gate)
        {
            _stopRequested = true;
            store = _store;
        }

        store?.Interrupt();
    }

    private void Run()
    {
        RunOutcome outcome;
        try
        {
            outcome = Execute();
        }
        catch (Exception ex)
        {
            // Execute classifies what the guest does; this is the runner itself failing, which must still end the run.
            outcome = OutcomeClassifier.Classify(ex, Facts(0));
        }

        _done.TrySetResult(outcome);
    }

    private RunOutcome Execute()
    {
        var spec = _request.Spec;
        var stdout = new BoundedLogStream(_runtime.Options.LogBufferBytes);
        var stderr = new BoundedLogStream(_runtime.Options.LogBufferBytes);
        var pumps = Task.WhenAll(
            LogPump.RunAsync(stdout, LogStream.Stdout, spec.Id, _runtime.Logs, _runtime.Time, _runtime.MaxLogLineBytes, _runtime.Logger, CancellationToken.None),
            LogPump.RunAsync(stderr, LogStream.Stderr, spec.Id, _runtime.Logs, _runtime.Time, _runtime.MaxLogLineBytes, _runtime.Logger, CancellationToken.None));
        Exception? error = null;
        long memoryLimitHits = 0;
        Socket? listener = null;
        WasiContext? wasi = null;
        try
        {
            var module = _runtime.Modules.LoadAsync(_request.Module).GetAwaiter().GetResult();
            var configuration = new WasiConfiguration()
                .WithArgument(spec.Id.Container)
                .WithArguments(spec.Args)
                .WithStandardOutput(stdout)
                .WithStandardError(stderr)
                .WithTimeProvider(_runtime.Time);
            foreach (var env in spec.Env) configuration.WithEnvironmentVariable(env.Name, env.Value);
            foreach (var preopen in _runtime.Volumes.Prepare(spec)) configuration.WithPreopenedDirectory(preopen.HostPath, preopen.GuestPath, preopen.ReadOnly);
            if (spec.ListenPort is { } port)
            {
                listener = Listen(port);
                configuration.WithTcpListener(listener);
            }

            wasi = configuration.Build();
            memoryLimitHits = RunGuest(module, wasi, out error);
        }
        catch (Exception ex)
        {
            // Setting the run up failed (module, volume, port): that is how this run ended, and this is its thread, where
            // an escaping exception would take the whole agent down.
            error = ex;
        }
        finally
        {
            wasi?.Dispose();
            listener?.Dispose();
            stdout.Complete();
            stderr.Complete();
        }

        // The output is in the log ring before anyone learns the run ended (kubectl logs right after a crash shows it).
        pumps.GetAwaiter().GetResult();
        return OutcomeClassifier.Classify(error, Facts(memoryLimitHits));
    }

    // Runs _start in a store of its own; returns how often the memory limit refused to grow.
    private long RunGuest(Module module, WasiContext wasi, out Exception? error)
    {
        var limits = _request.Limits;
        using var store = new Runtime.Store(_runtime.Engine, wasi);
        var memory = new StoreLimits().WithInstances(1);
        store.Limits = limits.MemoryBytes is { } bytes ? memory.WithMemorySize(bytes) : memory;
        if (limits.FuelPerSecond is { } rate)
        {
            var bucket = new FuelBucket(rate, _runtime.Options.FuelBurst, _runtime.Time);
            store.SetFuel(bucket.Capacity);
            store.OnFuelExhausted = bucket.Refill;
        }
        else
        {
            store.SetFuel(long.MaxValue);
        }

        lock (_gate)
        {
            _store = store;
            if (_stopRequested) store.Interrupt();
        }

        using var deadline = limits.DeadlineMs is { } ms
            ? _runtime.Time.CreateTimer(_ => { _deadlineHit = true; store.Interrupt(); }, null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan)
            : null;
        error = null;
        try
        {
            var instance = _runtime.Linker.Instantiate(store, module);
            var start = instance.GetFunction("_start")
                ?? throw new InvalidModuleException("the module exports no _start function; a workload must be a WASI command (built with main)");
            start.Invoke();
        }
        catch (Exception ex)
        {
            // Whatever ended the guest (exit, trap, link error) is the outcome, classified by the caller.
            error = ex;
        }
        finally
        {
            lock (_gate) _store = null;
        }

        return store.MemoryLimitHits;
    }

    private Socket Listen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Parse(_runtime.Options.ListenAddress), port));
            socket.Listen(128);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"cannot listen on {_runtime.Options.ListenAddress}:{port}: {ex.Message}", ex);
        }
    }

    private RunFacts Facts(long memoryLimitHits)
    {
        bool stopRequested;
        lock (_gate) stopRequested = _stopRequested;
        return new RunFacts(stopRequested, _deadlineHit, memoryLimitHits, _request.Limits, _request.StartedAt, _runtime.Time.GetUtcNow());
    }
}
