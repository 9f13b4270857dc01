namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// A host function as defined, before it is bound into a store: its type and either a
/// <see cref="HostFunctionCallback"/> (reached through the engine's per-signature thunk) or a typed delegate
/// with the code of its typed thunk (<see cref="TypedHostThunks"/>).
/// </summary>
internal sealed class HostFunction
{
    public HostFunction(FuncType type, HostFunctionCallback callback)
    {
        Type = type;
        Callback = callback;
    }

    public HostFunction(FuncType type, Delegate typed)
    {
        Type = type;
        Typed = typed;
        TypedCode = TypedHostThunks.CodeFor(typed.GetType());
    }

    public FuncType Type { get; }

    /// <summary>The callback of an untyped host function.</summary>
    public HostFunctionCallback? Callback { get; }

    /// <summary>The delegate of a typed host function.</summary>
    public Delegate? Typed { get; }

    /// <summary>The typed thunk's code, or 0 for an untyped host function.</summary>
    public nint TypedCode { get; }
}
