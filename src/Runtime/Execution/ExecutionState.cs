namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The per-store state that generated code reads and writes: fuel, the interrupt flag, the native stack
/// limit, the spill area for multi-value results and the scratch values of host calls. Fields, not
/// properties, because generated IL addresses them directly.
/// </summary>
internal sealed class ExecutionState
{
    /// <summary>Fuel left. Generated code subtracts each basic block's cost and traps below zero.</summary>
    public long Fuel;

    /// <summary>Non-zero once the store is interrupted; read with volatile semantics at loop headers (fuel off).</summary>
    public int Interrupted;

    /// <summary>
    /// What fuel must stay at or above at a loop header (with fuel on): 0, or <see cref="long.MaxValue"/> once the store
    /// is interrupted, so the loop header's one fuel check also catches an interrupt.
    /// </summary>
    public long FuelFloor;

    /// <summary>The lowest native stack address guest code may reach on the current guest thread.</summary>
    public nuint StackLimit;

    /// <summary>
    /// What function entry compares a stack address against: <see cref="StackLimit"/>, or <see cref="nuint.MaxValue"/>
    /// once the store is interrupted, so the one entry check catches both a deep stack and an interrupt.
    /// </summary>
    public nuint StackGuard;

    /// <summary>Results 1..n-1 of a multi-value call (result 0 is the IL return value), as raw bits.</summary>
    public ulong[] SpillBits = new ulong[4];

    /// <summary>Reference results 1..n-1 of a multi-value call.</summary>
    public object?[] SpillRefs = new object?[4];

    /// <summary>Scratch arguments and results of host calls, used as a stack.</summary>
    public Value[] Values = new Value[64];

    /// <summary>The first free entry of <see cref="Values"/>.</summary>
    public int ValueTop;

    /// <summary>The wasm call depth when the guest last called the host, so a re-entrant call continues counting.</summary>
    public int CurrentDepth;

    /// <summary>The thread running guest code of this store, or null when none is.</summary>
    public Thread? ActiveThread;

    /// <summary>Native stack bytes guest code may use (the engine's <see cref="EngineOptions.GuestStackSize"/>).</summary>
    public int GuestStackSize;

    /// <summary>Whether the engine meters fuel (bulk operations charge extra only then).</summary>
    public bool MeteringFuel;

    /// <summary>How many host-to-guest entries are active (re-entrant calls nest).</summary>
    public int EntryCount;

    public ExecutionState(Store store) => Store = store;

    /// <summary>The store this state belongs to.</summary>
    public Store Store { get; }

    /// <summary>Marks the store interrupted so that the next loop header or function entry traps. Any thread.</summary>
    public void Interrupt()
    {
        Volatile.Write(ref Interrupted, 1);
        Volatile.Write(ref FuelFloor, long.MaxValue);
        Volatile.Write(ref StackGuard, nuint.MaxValue);
    }

    /// <summary>Clears an interrupt; only while no guest code runs.</summary>
    public void ClearInterrupt()
    {
        Volatile.Write(ref Interrupted, 0);
        Volatile.Write(ref FuelFloor, 0);
        Volatile.Write(ref StackGuard, StackLimit);
    }

    /// <summary>
    /// Sets <see cref="StackLimit"/> on the guest thread (entering or leaving guest code) and the guard that generated
    /// code reads. An <see cref="Interrupt"/> racing with this must not be overwritten: the barrier orders the guard's
    /// store before the flag's load, so either this sees the flag or the interrupting thread's guard store lands last.
    /// </summary>
    public void SetStackLimit(nuint limit)
    {
        StackLimit = limit;
        Volatile.Write(ref StackGuard, limit);
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref Interrupted) != 0) Volatile.Write(ref StackGuard, nuint.MaxValue);
    }

    /// <summary>Makes the spill area hold <paramref name="resultCount"/> results.</summary>
    public void EnsureSpillCapacity(int resultCount)
    {
        if (resultCount <= SpillBits.Length) return;
        var size = Math.Max(resultCount, SpillBits.Length * 2);
        Array.Resize(ref SpillBits, size);
        Array.Resize(ref SpillRefs, size);
    }

    /// <summary>Reserves <paramref name="count"/> scratch values and returns the index of the first.</summary>
    public int ReserveValues(int count)
    {
        var frame = ValueTop;
        if (frame + count > Values.Length) Array.Resize(ref Values, Math.Max(frame + count, Values.Length * 2));
        ValueTop = frame + count;
        return frame;
    }
}
