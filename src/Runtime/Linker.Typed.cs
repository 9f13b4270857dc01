using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime;

/// <summary>Typed host functions: int is i32, long i64, float f32, double f64, <see cref="Func"/> funcref,
/// object externref. The wasm type comes from the delegate's type, and guest code calls the delegate directly,
/// without <see cref="Value"/> conversions.</summary>
public sealed partial class Linker
{

    /// <summary>Defines a function that sees its caller.</summary>
    public void DefineFunction<TResult>(string module, string name, Func<Caller, TResult> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function that sees its caller.</summary>
    public void DefineFunction<T1, TResult>(string module, string name, Func<Caller, T1, TResult> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function that sees its caller.</summary>
    public void DefineFunction<T1, T2, TResult>(string module, string name, Func<Caller, T1, T2, TResult> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function that sees its caller.</summary>
    public void DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<Caller, T1, T2, T3, TResult> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function without results that sees its caller.</summary>
    public void DefineFunction(string module, string name, Action<Caller> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function without results that sees its caller.</summary>
    public void DefineFunction<T1>(string module, string name, Action<Caller, T1> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function without results that sees its caller.</summary>
    public void DefineFunction<T1, T2>(string module, string name, Action<Caller, T1, T2> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function without results that sees its caller.</summary>
    public void DefineFunction<T1, T2, T3>(string module, string name, Action<Caller, T1, T2, T3> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function.</summary>
    public void DefineFunction<TResult>(string module, string name, Func<TResult> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function.</summary>
    public void DefineFunction<T1, TResult>(string module, string name, Func<T1, TResult> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function.</summary>
    public void DefineFunction<T1, T2, TResult>(string module, string name, Func<T1, T2, TResult> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function.</summary>
    public void DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<T1, T2, T3, TResult> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function without results.</summary>
    public void DefineFunction(string module, string name, Action function) => DefineTyped(module, name, function);

    /// <summary>Defines a function without results.</summary>
    public void DefineFunction<T1>(string module, string name, Action<T1> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function without results.</summary>
    public void DefineFunction<T1, T2>(string module, string name, Action<T1, T2> function) => DefineTyped(module, name, function);

    /// <summary>Defines a function without results.</summary>
    public void DefineFunction<T1, T2, T3>(string module, string name, Action<T1, T2, T3> function) => DefineTyped(module, name, function);

    private void DefineTyped(string module, string name, Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var arguments = function.GetType().IsGenericType ? function.GetType().GetGenericArguments() : [];
        if (arguments.Length > 0 && arguments[0] == typeof(Caller)) arguments = arguments[1..];
        var hasResult = function.GetType().Name.StartsWith("Func`", StringComparison.Ordinal);
        var parameters = hasResult ? arguments[..^1] : arguments;
        var type = new FuncType([.. parameters.Select(TypedValues.KindOf)], hasResult ? [TypedValues.KindOf(arguments[^1])] : []);
        Add(module, name, new HostFunction(type, function));
    }
}
