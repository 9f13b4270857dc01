using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime;

/// <summary>Typed host functions: int is i32, long i64, float f32, double f64, <see cref="Func"/> funcref,
/// object externref. The wasm type is derived from the delegate's type.</summary>
public sealed partial class Linker
{

    /// <summary>Defines a function that sees its caller.</summary>
    public void DefineFunction<TResult>(string module, string name, Func<Caller, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [], typeof(TResult), (caller, args, results) => results[0] = TypedValues.ToValue(function(caller)));
    }

    /// <summary>Defines a function that sees its caller.</summary>
    public void DefineFunction<T1, TResult>(string module, string name, Func<Caller, T1, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1)], typeof(TResult), (caller, args, results) => results[0] = TypedValues.ToValue(function(caller, TypedValues.FromValue<T1>(args[0]))));
    }

    /// <summary>Defines a function that sees its caller.</summary>
    public void DefineFunction<T1, T2, TResult>(string module, string name, Func<Caller, T1, T2, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1), typeof(T2)], typeof(TResult), (caller, args, results) => results[0] = TypedValues.ToValue(function(caller, TypedValues.FromValue<T1>(args[0]), TypedValues.FromValue<T2>(args[1]))));
    }

    /// <summary>Defines a function that sees its caller.</summary>
    public void DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<Caller, T1, T2, T3, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1), typeof(T2), typeof(T3)], typeof(TResult), (caller, args, results) => results[0] = TypedValues.ToValue(function(caller, TypedValues.FromValue<T1>(args[0]), TypedValues.FromValue<T2>(args[1]), TypedValues.FromValue<T3>(args[2]))));
    }

    /// <summary>Defines a function without results that sees its caller.</summary>
    public void DefineFunction(string module, string name, Action<Caller> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [], null, (caller, args, results) => function(caller));
    }

    /// <summary>Defines a function without results that sees its caller.</summary>
    public void DefineFunction<T1>(string module, string name, Action<Caller, T1> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1)], null, (caller, args, results) => function(caller, TypedValues.FromValue<T1>(args[0])));
    }

    /// <summary>Defines a function without results that sees its caller.</summary>
    public void DefineFunction<T1, T2>(string module, string name, Action<Caller, T1, T2> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1), typeof(T2)], null, (caller, args, results) => function(caller, TypedValues.FromValue<T1>(args[0]), TypedValues.FromValue<T2>(args[1])));
    }

    /// <summary>Defines a function without results that sees its caller.</summary>
    public void DefineFunction<T1, T2, T3>(string module, string name, Action<Caller, T1, T2, T3> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1), typeof(T2), typeof(T3)], null, (caller, args, results) => function(caller, TypedValues.FromValue<T1>(args[0]), TypedValues.FromValue<T2>(args[1]), TypedValues.FromValue<T3>(args[2])));
    }

    /// <summary>Defines a function.</summary>
    public void DefineFunction<TResult>(string module, string name, Func<TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [], typeof(TResult), (_, args, results) => results[0] = TypedValues.ToValue(function()));
    }

    /// <summary>Defines a function.</summary>
    public void DefineFunction<T1, TResult>(string module, string name, Func<T1, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1)], typeof(TResult), (_, args, results) => results[0] = TypedValues.ToValue(function(TypedValues.FromValue<T1>(args[0]))));
    }

    /// <summary>Defines a function.</summary>
    public void DefineFunction<T1, T2, TResult>(string module, string name, Func<T1, T2, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1), typeof(T2)], typeof(TResult), (_, args, results) => results[0] = TypedValues.ToValue(function(TypedValues.FromValue<T1>(args[0]), TypedValues.FromValue<T2>(args[1]))));
    }

    /// <summary>Defines a function.</summary>
    public void DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<T1, T2, T3, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1), typeof(T2), typeof(T3)], typeof(TResult), (_, args, results) => results[0] = TypedValues.ToValue(function(TypedValues.FromValue<T1>(args[0]), TypedValues.FromValue<T2>(args[1]), TypedValues.FromValue<T3>(args[2]))));
    }

    /// <summary>Defines a function without results.</summary>
    public void DefineFunction(string module, string name, Action function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [], null, (_, args, results) => function());
    }

    /// <summary>Defines a function without results.</summary>
    public void DefineFunction<T1>(string module, string name, Action<T1> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1)], null, (_, args, results) => function(TypedValues.FromValue<T1>(args[0])));
    }

    /// <summary>Defines a function without results.</summary>
    public void DefineFunction<T1, T2>(string module, string name, Action<T1, T2> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1), typeof(T2)], null, (_, args, results) => function(TypedValues.FromValue<T1>(args[0]), TypedValues.FromValue<T2>(args[1])));
    }

    /// <summary>Defines a function without results.</summary>
    public void DefineFunction<T1, T2, T3>(string module, string name, Action<T1, T2, T3> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        DefineTyped(module, name, [typeof(T1), typeof(T2), typeof(T3)], null, (_, args, results) => function(TypedValues.FromValue<T1>(args[0]), TypedValues.FromValue<T2>(args[1]), TypedValues.FromValue<T3>(args[2])));
    }

    private void DefineTyped(string module, string name, Type[] parameters, Type? result, HostFunctionCallback callback)
    {
        var type = new FuncType([.. parameters.Select(TypedValues.KindOf)], result is null ? [] : [TypedValues.KindOf(result)]);
        DefineFunction(module, name, type, callback);
    }
}
