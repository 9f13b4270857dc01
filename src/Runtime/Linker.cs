using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Execution;

namespace EdgeWasm.Runtime;

/// <summary>
/// Names things for imports and instantiates modules: host functions (store-independent), and functions,
/// memories, tables and globals of a store, by module and field name. <see cref="Instantiate"/> resolves a
/// module's imports, checks their types (with the spec's import subtyping of limits) and runs it.
/// </summary>
public sealed partial class Linker
{
    private readonly Dictionary<(string Module, string Name), object> _definitions = [];

    /// <summary>Creates an empty linker for modules of <paramref name="engine"/>.</summary>
    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine whose modules this linker instantiates.</summary>
    public Engine Engine { get; }

    /// <summary>Whether a definition may replace an earlier one of the same name (off: it throws).</summary>
    public bool AllowShadowing { get; set; }

    /// <summary>Defines a host function; the callback runs whenever guest code calls the import.</summary>
    public void DefineFunction(string module, string name, FuncType type, HostFunctionCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        Add(module, name, new HostFunction(type, callback));
    }

    /// <summary>Defines a function of a store.</summary>
    public void Define(string module, string name, Func function) => Add(module, name, function);

    /// <summary>Defines a memory of a store.</summary>
    public void Define(string module, string name, Memory memory) => Add(module, name, memory);

    /// <summary>Defines a table of a store.</summary>
    public void Define(string module, string name, Table table) => Add(module, name, table);

    /// <summary>Defines a global of a store.</summary>
    public void Define(string module, string name, Global global) => Add(module, name, global);

    /// <summary>Defines every export of <paramref name="instance"/> under module name <paramref name="module"/>.</summary>
    public void DefineInstance(string module, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, item) in instance.Exports) Add(module, name, item);
    }

    /// <summary>Whether something is defined under <paramref name="module"/>.<paramref name="name"/>.</summary>
    public bool IsDefined(string module, string name) => _definitions.ContainsKey((module, name));

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/>: resolves and checks imports, allocates
    /// the instance, applies element and data segments in order and runs the start function.
    /// </summary>
    /// <exception cref="WasmLinkException">An import is missing or has the wrong type, or a store limit refuses the module.</exception>
    /// <exception cref="WasmTrapException">A segment did not fit, or the start function trapped.</exception>
    public Instance Instantiate(Store store, Module module)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        if (module.Engine != Engine || store.Engine != Engine)
        {
            throw new ArgumentException("the module, the store and the linker must use the same engine");
        }

        store.ThrowIfDisposed();
        var imports = module.Compiled.Info.Imports;
        var resolved = new object[imports.Count];
        for (var i = 0; i < imports.Count; i++)
        {
            var import = imports[i];
            if (!_definitions.TryGetValue((import.Module, import.Name), out var item))
            {
                throw new WasmLinkException($"unknown import: {import.Module}.{import.Name} ({module.Imports[i].Type}) is not defined", import.Module, import.Name);
            }

            ImportCheck.Check(store, module.Imports[i], item);
            resolved[i] = item;
        }

        return Instantiator.Instantiate(store, module, resolved);
    }

    private void Add(string module, string name, object item)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(item);
        if (!AllowShadowing && _definitions.ContainsKey((module, name)))
        {
            throw new ArgumentException($"{module}.{name} is already defined (set AllowShadowing to replace it)", nameof(name));
        }

        _definitions[(module, name)] = item;
    }
}
