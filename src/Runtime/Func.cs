using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime;

/// <summary>
/// A function of a store: a compiled wasm function of an instance, or a host function. It is also the value
/// of a funcref. Invoke it from the host with <see cref="Invoke(Value[])"/>; a trap throws
/// <see cref="Errors.WasmTrapException"/>.
/// </summary>
public sealed class Func
{
    // Generated code reads these three fields for call_indirect and calls to imports.
    internal readonly int TypeId;
    internal readonly nint Code;
    internal readonly InstanceContext Context;

    internal Func(FuncType type, int typeId, nint code, nint entry, InstanceContext context, int functionIndex)
    {
        Type = type;
        TypeId = typeId;
        Code = code;
        Entry = entry;
        Context = context;
        FunctionIndex = functionIndex;
    }

    /// <summary>The signature.</summary>
    public FuncType Type { get; }

    /// <summary>The store the function belongs to.</summary>
    public Store Store => Context.State.Store;

    /// <summary>True for a function the host defined.</summary>
    public bool IsHostFunction => Context.Host is not null;

    /// <summary>The generated entry thunk: <c>void (Func, Value[] args, Value[] results, int depth)</c>.</summary>
    internal nint Entry { get; }

    /// <summary>The function's index in its module (imports included), or -1 for a host function.</summary>
    internal int FunctionIndex { get; }

    /// <summary>Makes a host function in <paramref name="store"/>.</summary>
    public static Func FromCallback(Store store, FuncType type, HostFunctionCallback callback)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        return HostBinding.Bind(store, new HostFunction(type, callback), callerInstance: null);
    }

    /// <summary>Calls the function with <paramref name="args"/> and returns its results.</summary>
    public Value[] Invoke(params Value[] args) => Invoke(args.AsSpan());

    /// <summary>Calls the function with <paramref name="args"/> and returns its results.</summary>
    public Value[] Invoke(ReadOnlySpan<Value> args) => GuestCalls.Invoke(this, args);

    /// <inheritdoc />
    public override string ToString() => IsHostFunction ? $"host func {Type}" : $"func[{FunctionIndex}] {Type}";
}
