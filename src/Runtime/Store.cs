using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime;

/// <summary>
/// Everything one tenant owns: its instances, memories, tables and globals, its fuel, limits and host
/// data. One thread runs a store's guest code at a time; <see cref="Interrupt"/> may be called from any thread.
/// </summary>
public sealed class Store : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Memory> _memories = [];
    private CancellationTokenSource _interruptSource = new();
    private ITimer? _deadlineTimer;
    private CancellationTokenRegistration _deadlineRegistration;
    private StoreLimits _limits = StoreLimits.Unlimited;
    private ulong _fuelAdded;
    private long _memoryLimitHits;
    private int _instanceCount;
    private bool _disposed;

    /// <summary>Creates a store for modules of <paramref name="engine"/>, holding <paramref name="data"/> for host functions.</summary>
    public Store(Engine engine, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        Data = data;
        State = new ExecutionState(this) { MeteringFuel = engine.Options.ConsumeFuel, GuestStackSize = engine.Options.GuestStackSize };
    }

    /// <summary>The engine whose modules this store runs.</summary>
    public Engine Engine { get; }

    /// <summary>The host's data for this store (what <see cref="Caller.Data"/> returns).</summary>
    public object? Data { get; set; }

    /// <summary>What the store may allocate; applies to memories, tables and instances created after it is set.</summary>
    public StoreLimits Limits
    {
        get => _limits;
        set => _limits = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Cancelled when the store is interrupted; blocking host calls wait on it and then trap with Interrupted.</summary>
    public CancellationToken InterruptToken
    {
        get
        {
            lock (_gate) return _interruptSource.Token;
        }
    }

    /// <summary>True once <see cref="Interrupt"/> ran (or a deadline passed), until <see cref="ResetInterrupt"/>.</summary>
    public bool IsInterrupted => Volatile.Read(ref State.Interrupted) != 0;

    /// <summary>
    /// Called on the guest thread when the guest needs more fuel than is left, before it would trap with OutOfFuel:
    /// the answer is added to the store's fuel and the guest goes on; 0 (or no hook) traps. A host meters a CPU
    /// share with it (a token bucket refilled over time). An exception it throws ends the guest as a HostError trap.
    /// </summary>
    public Func<Store, ulong>? OnFuelExhausted { get; set; }

    /// <summary>How many times <see cref="Limits"/> refused to grow a memory (memory.grow returned -1 because of the limit).</summary>
    public long MemoryLimitHits => Interlocked.Read(ref _memoryLimitHits);

    internal ExecutionState State { get; }

    internal int InstanceCount => _instanceCount;

    /// <summary>Fuel left. Throws when the engine does not meter fuel.</summary>
    public ulong GetFuel()
    {
        RequireFuel();
        return (ulong)Math.Max(0, State.Fuel);
    }

    /// <summary>Sets the fuel left (and counts it as added). Throws when the engine does not meter fuel.</summary>
    public void SetFuel(ulong fuel)
    {
        RequireFuel();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fuel, (ulong)long.MaxValue);
        _fuelAdded = _fuelAdded - (ulong)Math.Max(0, State.Fuel) + fuel;
        State.Fuel = (long)fuel;
    }

    /// <summary>Adds fuel, e.g. after an OutOfFuel trap, so the host can call again.</summary>
    public void AddFuel(ulong fuel)
    {
        RequireFuel();
        var total = (ulong)Math.Max(0, State.Fuel) + fuel;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, (ulong)long.MaxValue, nameof(fuel));
        _fuelAdded += fuel;
        State.Fuel = (long)total;
    }

    /// <summary>Fuel consumed so far: everything added minus what is left.</summary>
    public ulong FuelConsumed
    {
        get
        {
            RequireFuel();
            return _fuelAdded - (ulong)Math.Max(0, State.Fuel);
        }
    }

    /// <summary>
    /// Stops the store's guest code: running code traps with <see cref="Errors.TrapCode.Interrupted"/> at its next
    /// loop header or call, and later calls trap at once until <see cref="ResetInterrupt"/>. Thread-safe.
    /// </summary>
    public void Interrupt()
    {
        State.Interrupt();
        CancellationTokenSource source;
        lock (_gate) source = _interruptSource;
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The store was disposed meanwhile; the flag above is all that matters then.
        }
    }

    /// <summary>Clears an interrupt and any pending deadline so the store can run again; call it only while no guest code runs.</summary>
    public void ResetInterrupt()
    {
        lock (_gate)
        {
            CancelDeadlineLocked();
            if (_interruptSource.IsCancellationRequested)
            {
                _interruptSource.Dispose();
                _interruptSource = new CancellationTokenSource();
            }
        }

        State.ClearInterrupt();
    }

    /// <summary>Interrupts the store <paramref name="timeout"/> from now (on the engine's clock); replaces an earlier deadline.</summary>
    public void SetDeadline(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a deadline cannot be in the past");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CancelDeadlineLocked();
            if (timeout == Timeout.InfiniteTimeSpan) return;
            _deadlineTimer = Engine.Options.TimeProvider.CreateTimer(static s => ((Store)s!).Interrupt(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Interrupts the store when <paramref name="cancellationToken"/> is cancelled; replaces an earlier deadline.</summary>
    public void SetDeadline(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CancelDeadlineLocked();
            _deadlineRegistration = cancellationToken.Register(static s => ((Store)s!).Interrupt(), this);
        }
    }

    /// <summary>Frees the store's linear memories and timers. Do not dispose a store while its guest code runs.</summary>
    public void Dispose()
    {
        Memory[] memories;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            CancelDeadlineLocked();
            _interruptSource.Dispose();
            memories = [.. _memories];
            _memories.Clear();
        }

        foreach (var memory in memories) memory.Release();
    }

    internal void RegisterMemory(Memory memory)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _memories.Add(memory);
        }
    }

    internal void AddInstance()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_limits.Instances is { } max && _instanceCount >= max)
            {
                throw new Errors.WasmLinkException($"the store's limit of {max} instances is reached");
            }

            _instanceCount++;
        }
    }

    internal void CountMemoryLimitHit() => Interlocked.Increment(ref _memoryLimitHits);

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void CancelDeadlineLocked()
    {
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        _deadlineRegistration.Dispose();
        _deadlineRegistration = default;
    }

    private void RequireFuel()
    {
        if (!Engine.Options.ConsumeFuel)
        {
            throw new InvalidOperationException("fuel is off for this engine; enable it with EngineOptions.WithFuel(true)");
        }
    }
}
