using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime;

/// <summary>An instantiated module in a store: its exports, by name.</summary>
public sealed class Instance
{
    private readonly Dictionary<string, object> _exports;

    internal Instance(Module module, InstanceContext context, Dictionary<string, object> exports)
    {
        Module = module;
        Context = context;
        _exports = exports;
    }

    /// <summary>The module this is an instance of.</summary>
    public Module Module { get; }

    /// <summary>The store it lives in.</summary>
    public Store Store => Context.State.Store;

    /// <summary>Every export: a <see cref="Func"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>, by name.</summary>
    public IReadOnlyDictionary<string, object> Exports => _exports;

    internal InstanceContext Context { get; }

    /// <summary>The exported function <paramref name="name"/>, or null.</summary>
    public Func? GetFunction(string name) => Get<Func>(name);

    /// <summary>The exported memory <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name) => Get<Memory>(name);

    /// <summary>The exported table <paramref name="name"/>, or null.</summary>
    public Table? GetTable(string name) => Get<Table>(name);

    /// <summary>The exported global <paramref name="name"/>, or null.</summary>
    public Global? GetGlobal(string name) => Get<Global>(name);

    /// <summary>The exported function as a typed delegate (null if absent; throws if its type differs).</summary>
    public Func<TResult>? GetFunction<TResult>(string name) =>
        Typed(name, [], typeof(TResult)) is { } f ? new TypedCall(f).Function0<TResult> : null;

    /// <summary>The exported function as a typed delegate (null if absent; throws if its type differs).</summary>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name) =>
        Typed(name, [typeof(T1)], typeof(TResult)) is { } f ? new TypedCall(f).Function1<T1, TResult> : null;

    /// <summary>The exported function as a typed delegate (null if absent; throws if its type differs).</summary>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name) =>
        Typed(name, [typeof(T1), typeof(T2)], typeof(TResult)) is { } f ? new TypedCall(f).Function2<T1, T2, TResult> : null;

    /// <summary>The exported function as a typed delegate (null if absent; throws if its type differs).</summary>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name) =>
        Typed(name, [typeof(T1), typeof(T2), typeof(T3)], typeof(TResult)) is { } f ? new TypedCall(f).Function3<T1, T2, T3, TResult> : null;

    /// <summary>The exported function without results as a typed delegate (null if absent; throws if its type differs).</summary>
    public Action? GetAction(string name) =>
        Typed(name, [], null) is { } f ? new TypedCall(f).Action0 : null;

    /// <summary>The exported function without results as a typed delegate (null if absent; throws if its type differs).</summary>
    public Action<T1>? GetAction<T1>(string name) =>
        Typed(name, [typeof(T1)], null) is { } f ? new TypedCall(f).Action1<T1> : null;

    /// <summary>The exported function without results as a typed delegate (null if absent; throws if its type differs).</summary>
    public Action<T1, T2>? GetAction<T1, T2>(string name) =>
        Typed(name, [typeof(T1), typeof(T2)], null) is { } f ? new TypedCall(f).Action2<T1, T2> : null;

    private T? Get<T>(string name)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(name);
        return _exports.TryGetValue(name, out var item) ? item as T : null;
    }

    private Func? Typed(string name, Type[] parameters, Type? result)
    {
        var f = GetFunction(name);
        if (f is not null) TypedValues.Check($"export '{name}'", f.Type, parameters, result);
        return f;
    }
}
