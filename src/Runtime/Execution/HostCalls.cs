using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The managed half of a call from guest code into a host function. The generated thunk has put the
/// arguments into the store's scratch values at <c>frame</c>; this runs the callback, checks what it returned,
/// moves results 1..n-1 to the spill area and turns foreign exceptions into HostError traps.
/// </summary>
internal static class HostCalls
{
    public static void Invoke(InstanceContext context, int depth, int frame)
    {
        var state = context.State;
        var host = context.Host!;
        var type = host.Type;
        var parameterCount = type.Parameters.Count;
        var resultCount = type.Results.Count;
        var values = state.Values;
        var results = values.AsSpan(frame + parameterCount, resultCount);
        results.Clear();
        state.CurrentDepth = depth;
        try
        {
            host.Callback!(new Caller(context), values.AsSpan(frame, parameterCount), results);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw new WasmTrapException(TrapCode.HostError, $"host function failed: {ex.GetType().Name}: {ex.Message}", inner: ex);
        }

        // A re-entrant call may have grown the scratch array; the results were written to the one we handed out.
        if (!ReferenceEquals(values, state.Values)) results.CopyTo(state.Values.AsSpan(frame + parameterCount, resultCount));

        state.EnsureSpillCapacity(resultCount);
        for (var i = 0; i < resultCount; i++)
        {
            var result = results[i];
            if (result.Kind != type.Results[i])
            {
                throw new WasmTrapException(
                    TrapCode.HostError,
                    $"host function returned {(result.Kind == 0 ? "nothing" : ValueKinds.Name(result.Kind))} for result {i}, expected {ValueKinds.Name(type.Results[i])}");
            }

            if (result.Reference is Func f && f.Store != state.Store)
            {
                throw new WasmTrapException(TrapCode.HostError, $"host function returned a function of another store for result {i}");
            }

            if (i > 0)
            {
                state.SpillBits[i] = result.Bits;
                state.SpillRefs[i] = result.Reference;
            }
        }
    }
}
