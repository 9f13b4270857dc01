using EdgeWasm.Runtime.Compilation;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// What generated code of one instance needs at run time; every compiled function takes it as its
/// context argument, so one compiled module serves all of its instances. A host function bound into a
/// store gets a context too, with <see cref="Host"/> set. Fields, because IL addresses them directly.
/// </summary>
internal sealed class InstanceContext
{
    /// <summary>The store's execution state.</summary>
    public readonly ExecutionState State;

    /// <summary>Memory 0, if the module has one.</summary>
    public Memory? Memory;

    /// <summary>All tables, imports first.</summary>
    public Table[] Tables = [];

    /// <summary>All globals, imports first.</summary>
    public Global[] Globals = [];

    /// <summary>All functions as references, imports first (call targets of imports, ref.func values).</summary>
    public Func[] Functions = [];

    /// <summary>Element segments' items; an entry becomes empty when its segment is dropped.</summary>
    public object?[][] Elements = [];

    /// <summary>Data segments' bytes; an entry becomes empty when its segment is dropped.</summary>
    public ReadOnlyMemory<byte>[] Data = [];

    /// <summary>The compiled code; also keeps the collectible assembly alive while the instance lives.</summary>
    public readonly CompiledModule? Module;

    /// <summary>The public instance, once instantiation has made it.</summary>
    public Instance? Instance;

    /// <summary>For a host function's context: the function to call.</summary>
    public readonly HostFunction? Host;

    /// <summary>For a host function's context: the instance that imported it (what <see cref="Caller"/> sees).</summary>
    public Instance? CallerInstance;

    public InstanceContext(ExecutionState state, CompiledModule module)
    {
        State = state;
        Module = module;
    }

    public InstanceContext(ExecutionState state, HostFunction host)
    {
        State = state;
        Host = host;
    }
}
