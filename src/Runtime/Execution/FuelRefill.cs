using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The out-of-fuel slow path: before trapping with OutOfFuel, the store's <see cref="Store.OnFuelExhausted"/> hook may
/// hand out more fuel, on the guest thread, so a host can meter a CPU share instead of a fixed budget.
/// </summary>
internal static class FuelRefill
{
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
