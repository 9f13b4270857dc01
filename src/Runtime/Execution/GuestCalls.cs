using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The host-to-guest boundary. Makes sure guest code runs with the configured stack (on the calling thread when
/// it has room, otherwise on one of the engine's guest threads), sets the store's stack limit and call depth,
/// and on the way out completes traps with their wasm backtrace. <see cref="Invoke"/> is the checked
/// <see cref="Value"/> path; typed delegates (<see cref="TypedCall"/>) use <see cref="TryEnter"/> and
/// <see cref="Exit"/> directly.
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
        if (!TryEnter(state, out var scope))
        {
            RunOnGuestThread(state, () => Call(func, args, results));
            return;
        }

        try
        {
            ((delegate*<Func, Value[], Value[], int, void>)func.Entry)(func, args, results, scope.Depth);
            var kinds = func.Type.Results;
            // Results after the first come back in the spill area, as zero-extended bits or references.
            for (var i = 1; i < results.Length; i++)
            {
                results[i] = Value.FromRaw(kinds[i], ValueKinds.IsReference(kinds[i]) ? 0 : state.SpillBits[i], state.SpillRefs[i]);
                state.SpillRefs[i] = null;
            }
        }
        catch (Exception ex)
        {
            Rethrow(ex);
            throw;
        }
        finally
        {
            Exit(state, scope);
        }
    }

    /// <summary>
    /// Prepares the store to run guest code on this thread; false when this thread's stack has too little room
    /// (then run on a guest thread with <see cref="RunOnGuestThread"/>). Pair a true result with <see cref="Exit"/>.
    /// </summary>
    public static bool TryEnter(ExecutionState state, out EntryScope scope)
    {
        state.Store.ThrowIfDisposed();
        var current = Thread.CurrentThread;
        var active = state.ActiveThread;
        if (active is not null && active != current)
        {
            throw new InvalidOperationException("the store is running guest code on another thread; a store runs on one thread at a time");
        }

        byte marker;
        var sp = (nuint)(&marker);
        var guestStack = (nuint)state.GuestStackSize;
        if (!StackBounds.TryGetLow(out var low) || sp <= low || sp - low < guestStack + HostStackReserve)
        {
            scope = default;
            return false;
        }

        // A re-entrant call (from a host function) continues the depth count of the guest code that called out.
        var depth = state.EntryCount > 0 ? state.CurrentDepth + 1 : 1;
        scope = new EntryScope(state.StackLimit, state.ValueTop, active, state.CurrentDepth, depth);
        state.SetStackLimit(sp - guestStack);
        state.ActiveThread = current;
        state.EntryCount++;
        return true;
    }

    /// <summary>Restores what <see cref="TryEnter"/> changed.</summary>
    public static void Exit(ExecutionState state, in EntryScope scope)
    {
        state.EntryCount--;
        state.SetStackLimit(scope.StackLimit);
        state.ValueTop = scope.ValueTop;
        state.ActiveThread = scope.ActiveThread;
        state.CurrentDepth = scope.CurrentDepth;
    }

    /// <summary>Runs <paramref name="call"/> (which enters again) on a guest thread; the store is handed over while this thread waits.</summary>
    public static void RunOnGuestThread(ExecutionState state, Action call)
    {
        var active = state.ActiveThread;
        state.ActiveThread = null;
        try
        {
            state.Store.Engine.GuestThreads.Run(call);
        }
        finally
        {
            state.ActiveThread = active;
        }
    }

    /// <summary>
    /// Throws what leaves the boundary: a trap with its backtrace completed, a CallStackExhausted trap for the
    /// runtime's own stack check, anything else unchanged. The original stack trace is kept, so an outer entry
    /// (when the host re-entered the guest) sees every frame.
    /// </summary>
    [DoesNotReturn]
    public static void Rethrow(Exception exception)
    {
        switch (exception)
        {
            case WasmTrapException trap:
                trap.Backtrace = Backtraces.Capture(trap);
                break;
            case InsufficientExecutionStackException:
                throw new WasmTrapException(TrapCode.CallStackExhausted, Traps.Message(TrapCode.CallStackExhausted), Backtraces.Capture(exception), exception);
        }

        ExceptionDispatchInfo.Throw(exception);
    }
}
