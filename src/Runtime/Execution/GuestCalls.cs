using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The host-to-guest boundary. Checks the arguments, makes sure guest code runs with the configured stack
/// (on the calling thread when it has room, otherwise on one of the engine's guest threads), sets the store's
/// stack limit and call depth, calls through the signature's entry thunk, and on the way out turns
/// exceptions into traps with a wasm backtrace.
/// </summary>
internal static unsafe class GuestCalls
{
    /// <summary>Stack kept free below the guest's limit for host functions, trap handling and the runtime.</summary>
    public const int HostStackReserve = 256 * 1024;

    /// <summary>Stack a thread may already use before it reaches guest code (start-up, the caller's own frames).</summary>
    public const int ThreadStartSlack = 64 * 1024;

    /// <summary>Calls <paramref name="func"/> with checked arguments and returns its results.</summary>
    public static Value[] Invoke(Func func, ReadOnlySpan<Value> args)
    {
        var type = func.Type;
        if (args.Length != type.Parameters.Count)
        {
            throw new ArgumentException($"the function takes {type.Parameters.Count} arguments, {args.Length} given", nameof(args));
        }

        var store = func.Store;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Kind != type.Parameters[i])
            {
                throw new ArgumentException(
                    $"argument {i} is {ValueKinds.Name(args[i].Kind)}, the function expects {ValueKinds.Name(type.Parameters[i])}", nameof(args));
            }

            if (args[i].Reference is Func f && f.Store != store)
            {
                throw new ArgumentException($"argument {i} is a function of another store", nameof(args));
            }
        }

        var results = new Value[type.Results.Count];
        Call(func, args.ToArray(), results);
        return results;
    }

    /// <summary>Calls with arguments already checked; <paramref name="results"/> has one entry per result.</summary>
    public static void Call(Func func, Value[] args, Value[] results)
    {
        var state = func.Context.State;
        state.Store.ThrowIfDisposed();
        var current = Thread.CurrentThread;
        var active = state.ActiveThread;
        if (active is not null && active != current)
        {
            throw new InvalidOperationException("the store is running guest code on another thread; a store runs on one thread at a time");
        }

        byte marker;
        var sp = (nuint)(&marker);
        var needed = (nuint)(state.Store.Engine.Options.GuestStackSize + HostStackReserve);
        if (StackBounds.TryGetLow(out var low) && sp > low && sp - low >= needed)
        {
            Enter(func, args, results, sp - (nuint)state.Store.Engine.Options.GuestStackSize);
            return;
        }

        // Not enough stack here: run on a guest thread. The store is handed over while this thread waits.
        state.ActiveThread = null;
        try
        {
            state.Store.Engine.GuestThreads.Run(() => Call(func, args, results));
        }
        finally
        {
            state.ActiveThread = active;
        }
    }

    private static void Enter(Func func, Value[] args, Value[] results, nuint stackLimit)
    {
        var state = func.Context.State;
        var savedLimit = state.StackLimit;
        var savedTop = state.ValueTop;
        var savedThread = state.ActiveThread;
        var savedDepth = state.CurrentDepth;
        // A re-entrant call (from a host function) continues the depth count of the guest code that called out.
        var depth = state.EntryCount > 0 ? state.CurrentDepth + 1 : 1;
        state.StackLimit = stackLimit;
        state.ActiveThread = Thread.CurrentThread;
        state.EntryCount++;
        try
        {
            var entry = (delegate*<Func, Value[], Value[], int, void>)func.Entry;
            entry(func, args, results, depth);
            var kinds = func.Type.Results;
            // Results after the first come back in the spill area, as zero-extended bits or references.
            for (var i = 1; i < results.Length; i++)
            {
                results[i] = Value.FromRaw(kinds[i], ValueKinds.IsReference(kinds[i]) ? 0 : state.SpillBits[i], state.SpillRefs[i]);
                state.SpillRefs[i] = null;
            }
        }
        catch (WasmTrapException trap)
        {
            trap.Backtrace = Backtraces.Capture(trap);
            throw;
        }
        catch (InsufficientExecutionStackException ex)
        {
            var trap = new WasmTrapException(TrapCode.CallStackExhausted, Traps.Message(TrapCode.CallStackExhausted), inner: ex);
            trap.Backtrace = Backtraces.Capture(ex);
            throw trap;
        }
        finally
        {
            state.EntryCount--;
            state.StackLimit = savedLimit;
            state.ValueTop = savedTop;
            state.ActiveThread = savedThread;
            state.CurrentDepth = savedDepth;
        }
    }
}
