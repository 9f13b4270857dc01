using System.Runtime.CompilerServices;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The out-of-fuel slow path: before trapping with OutOfFuel, the store's <see cref="Store.OnFuelExhausted"/> hook may
/// hand out more fuel, on the guest thread, so a host can meter a CPU share instead of a fixed budget.
/// </summary>
internal static class FuelRefill
{
    /// <summary>
    /// A segment's charge, called by generated code at the segment's start with the function's fuel local: the fuel
    /// left after <paramref name="cost"/>, or <see cref="Exhausted"/>'s answer when that would be below zero. Inlined,
    /// so the generated IL stays one basic block per charge (see FunctionCompiler.EmitFuelCharge).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Charge(ref long fuel, long cost, ExecutionState state, int functionIndex)
    {
        fuel -= cost;
        if (fuel < 0) fuel = Exhausted(state, fuel, cost, functionIndex);
    }

    /// <summary>
    /// <see cref="Charge"/> at a loop header: compared with <see cref="ExecutionState.FuelFloor"/> instead of zero, which
    /// an interrupt raises, so this one check per iteration also stops an interrupted loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ChargeLoopHeader(ref long fuel, long cost, ExecutionState state, int functionIndex)
    {
        fuel -= cost;
        if (fuel < Volatile.Read(ref state.FuelFloor)) fuel = Exhausted(state, fuel, cost, functionIndex);
    }

    /// <summary>
    /// The slow path of a segment's charge in generated code, reached when subtracting the segment's
    /// <paramref name="cost"/> left the function's fuel local, <paramref name="fuel"/>, below zero, or at a loop header
    /// below <see cref="ExecutionState.FuelFloor"/> (raised by an interrupt). The segment has not run, so its cost is
    /// refunded into the store; then an interrupt traps, and otherwise <see cref="Ensure"/> refills or traps. The answer
    /// is the new fuel with the segment charged, for the local.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Exhausted(ExecutionState state, long fuel, long cost, int functionIndex)
    {
        if (Volatile.Read(ref state.Interrupted) != 0)
        {
            state.Fuel = fuel + cost;
            throw Traps.At(TrapCode.Interrupted, functionIndex);
        }

        // A floor raised by an interrupt that has been cleared since: nothing is missing.
        if (fuel >= 0) return fuel;
        state.Fuel = fuel + cost;
        Ensure(state, cost, functionIndex);
        return state.Fuel - cost;
    }

    /// <summary>
    /// Makes <paramref name="needed"/> units available in <see cref="ExecutionState.Fuel"/> by asking the hook, or
    /// traps with OutOfFuel (attributed to <paramref name="functionIndex"/>, or to no function when it is -1) once the
    /// hook answers 0 or there is none. Generated code saves its fuel local before and reloads it after.
    /// </summary>
    public static void Ensure(ExecutionState state, long needed, int functionIndex)
    {
        var store = state.Store;
        var hook = store.OnFuelExhausted;
        while (state.Fuel < needed)
        {
            ulong extra;
            try
            {
                extra = hook?.Invoke(store) ?? 0;
            }
            catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
            {
                // Like a host function's failure: the guest ends, the cause rides along.
                throw new WasmTrapException(TrapCode.HostError, "the fuel hook failed: " + ex.Message, null, ex);
            }

            if (extra == 0) throw functionIndex >= 0 ? Traps.At(TrapCode.OutOfFuel, functionIndex) : Traps.Create(TrapCode.OutOfFuel);
            store.AddFuel(extra);
        }
    }
}
