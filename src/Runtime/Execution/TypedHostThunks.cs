using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// Host thunks for typed host functions (<see cref="Linker"/>'s <c>DefineFunction</c> overloads taking a
/// <c>Func&lt;…&gt;</c> or <c>Action&lt;…&gt;</c>): generic methods with the compiled-code signature that call the
/// delegate directly, so a guest-to-host call passes its arguments in registers, without <see cref="Value"/>s.
/// One instantiation per delegate type; its code pointer is what guest code calls.
/// </summary>
internal static class TypedHostThunks
{
    private static readonly ConcurrentDictionary<Type, nint> s_code = new();

    /// <summary>The thunk for delegates of type <paramref name="delegateType"/> (one of the overloads' Func/Action types).</summary>
    public static nint CodeFor(Type delegateType) => s_code.GetOrAdd(delegateType, static type =>
    {
        var arguments = type.IsGenericType ? type.GetGenericArguments() : [];
        var withCaller = arguments.Length > 0 && arguments[0] == typeof(Caller);
        var hasResult = type.Name.StartsWith("Func`", StringComparison.Ordinal);
        var typeArguments = withCaller ? arguments[1..] : arguments;
        var parameterCount = typeArguments.Length - (hasResult ? 1 : 0);
        var name = (withCaller ? "Caller" : "") + (hasResult ? "Function" : "Action") + parameterCount;
        var method = typeof(TypedHostThunks).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new NotSupportedException($"no typed host thunk for {type}");
        return (typeArguments.Length == 0 ? method : method.MakeGenericMethod(typeArguments)).MethodHandle.GetFunctionPointer();
    });

    // Guest code may hand a host function's result to another store only through a funcref; refuse that.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TResult Checked<TResult>(TResult result, InstanceContext context)
    {
        if (typeof(TResult) == typeof(Func) && result is Func f && f.Store != context.State.Store)
        {
            throw new WasmTrapException(TrapCode.HostError, "host function returned a function of another store");
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Target<T>(InstanceContext context, int depth)
        where T : class
    {
        // A re-entrant call from the host continues counting from here.
        context.State.CurrentDepth = depth;
        return Unsafe.As<T>(context.Host!.Typed!);
    }

    private static WasmTrapException Foreign(Exception ex) =>
        new(TrapCode.HostError, $"host function failed: {ex.GetType().Name}: {ex.Message}", inner: ex);


    /// <summary>Calls a <c>Func{Caller, TResult}</c> host function.</summary>
    public static TResult CallerFunction0<TResult>(InstanceContext context, int depth)
    {
        try
        {
            return Checked(Target<Func<Caller, TResult>>(context, depth)(new Caller(context)), context);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Func{Caller, T1, TResult}</c> host function.</summary>
    public static TResult CallerFunction1<T1, TResult>(T1 a1, InstanceContext context, int depth)
    {
        try
        {
            return Checked(Target<Func<Caller, T1, TResult>>(context, depth)(new Caller(context), a1), context);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Func{Caller, T1, T2, TResult}</c> host function.</summary>
    public static TResult CallerFunction2<T1, T2, TResult>(T1 a1, T2 a2, InstanceContext context, int depth)
    {
        try
        {
            return Checked(Target<Func<Caller, T1, T2, TResult>>(context, depth)(new Caller(context), a1, a2), context);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Func{Caller, T1, T2, T3, TResult}</c> host function.</summary>
    public static TResult CallerFunction3<T1, T2, T3, TResult>(T1 a1, T2 a2, T3 a3, InstanceContext context, int depth)
    {
        try
        {
            return Checked(Target<Func<Caller, T1, T2, T3, TResult>>(context, depth)(new Caller(context), a1, a2, a3), context);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Action{Caller}</c> host function.</summary>
    public static void CallerAction0(InstanceContext context, int depth)
    {
        try
        {
            Target<Action<Caller>>(context, depth)(new Caller(context));
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Action{Caller, T1}</c> host function.</summary>
    public static void CallerAction1<T1>(T1 a1, InstanceContext context, int depth)
    {
        try
        {
            Target<Action<Caller, T1>>(context, depth)(new Caller(context), a1);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Action{Caller, T1, T2}</c> host function.</summary>
    public static void CallerAction2<T1, T2>(T1 a1, T2 a2, InstanceContext context, int depth)
    {
        try
        {
            Target<Action<Caller, T1, T2>>(context, depth)(new Caller(context), a1, a2);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Action{Caller, T1, T2, T3}</c> host function.</summary>
    public static void CallerAction3<T1, T2, T3>(T1 a1, T2 a2, T3 a3, InstanceContext context, int depth)
    {
        try
        {
            Target<Action<Caller, T1, T2, T3>>(context, depth)(new Caller(context), a1, a2, a3);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Func{TResult}</c> host function.</summary>
    public static TResult Function0<TResult>(InstanceContext context, int depth)
    {
        try
        {
            return Checked(Target<Func<TResult>>(context, depth)(), context);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Func{T1, TResult}</c> host function.</summary>
    public static TResult Function1<T1, TResult>(T1 a1, InstanceContext context, int depth)
    {
        try
        {
            return Checked(Target<Func<T1, TResult>>(context, depth)(a1), context);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Func{T1, T2, TResult}</c> host function.</summary>
    public static TResult Function2<T1, T2, TResult>(T1 a1, T2 a2, InstanceContext context, int depth)
    {
        try
        {
            return Checked(Target<Func<T1, T2, TResult>>(context, depth)(a1, a2), context);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Func{T1, T2, T3, TResult}</c> host function.</summary>
    public static TResult Function3<T1, T2, T3, TResult>(T1 a1, T2 a2, T3 a3, InstanceContext context, int depth)
    {
        try
        {
            return Checked(Target<Func<T1, T2, T3, TResult>>(context, depth)(a1, a2, a3), context);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Action</c> host function.</summary>
    public static void Action0(InstanceContext context, int depth)
    {
        try
        {
            Target<Action>(context, depth)();
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Action{T1}</c> host function.</summary>
    public static void Action1<T1>(T1 a1, InstanceContext context, int depth)
    {
        try
        {
            Target<Action<T1>>(context, depth)(a1);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Action{T1, T2}</c> host function.</summary>
    public static void Action2<T1, T2>(T1 a1, T2 a2, InstanceContext context, int depth)
    {
        try
        {
            Target<Action<T1, T2>>(context, depth)(a1, a2);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }

    /// <summary>Calls a <c>Action{T1, T2, T3}</c> host function.</summary>
    public static void Action3<T1, T2, T3>(T1 a1, T2 a2, T3 a3, InstanceContext context, int depth)
    {
        try
        {
            Target<Action<T1, T2, T3>>(context, depth)(a1, a2, a3);
        }
        catch (Exception ex) when (ex is not (WasmTrapException or WasmExitException))
        {
            throw Foreign(ex);
        }
    }
}
