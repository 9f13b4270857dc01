namespace EdgeWasm.Runtime.Execution;

/// <summary>A host function as defined, before it is bound into a store: its type and its callback.</summary>
internal sealed class HostFunction(FuncType type, HostFunctionCallback callback)
{
    public FuncType Type { get; } = type;

    public HostFunctionCallback Callback { get; } = callback;
}
