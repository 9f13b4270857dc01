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

    /// <summary>Non-zero once the store is interrupted; read with volatile semantics at loop headers and function entry.</summary>
    public int Interrupted;

    /// <summary>The lowest native stack address guest code may reach on the current guest thread.</summary>
    public nuint StackLimit;

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
