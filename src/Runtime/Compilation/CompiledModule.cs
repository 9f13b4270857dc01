using System.Globalization;
using System.Runtime.CompilerServices;
using EdgeWasm.Runtime.Decoding;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Compilation;

/// <summary>
/// A module's generated code: one static method per defined function in a collectible assembly, shared by
/// every instance. Holds the code pointers instances put into their function references, and the canonical
/// type ids of the module's types.
/// </summary>
internal sealed class CompiledModule
{
    private static readonly ConditionalWeakTable<Type, CompiledModule> s_byType = new();

    public CompiledModule(Engine engine, ModuleInfo info, string? name, Type type, nint[] code, int[] typeIds)
    {
        Engine = engine;
        Info = info;
        Name = name ?? info.Names.ModuleName;
        Type = type;
        Code = code;
        TypeIds = typeIds;
        s_byType.AddOrUpdate(type, this);
    }

    public Engine Engine { get; }

    public ModuleInfo Info { get; }

    /// <summary>The module's name for backtraces: the one given when loading, else the name section's.</summary>
    public string? Name { get; }

    /// <summary>The generated type; referencing it keeps the collectible assembly alive.</summary>
    public Type Type { get; }

    /// <summary>Code pointers of the defined functions (index = function index minus imported functions).</summary>
    public nint[] Code { get; }

    /// <summary>The engine's canonical id of each type of the module.</summary>
    public int[] TypeIds { get; }

    /// <summary>The name of the generated method of function <paramref name="functionIndex"/>.</summary>
    public static string MethodName(int functionIndex) => "f" + functionIndex.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseMethodName(string name, out int functionIndex)
    {
        functionIndex = -1;
        return name.Length > 1 && name[0] == 'f'
            && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out functionIndex);
    }

    public static bool TryGet(Type type, out CompiledModule module) => s_byType.TryGetValue(type, out module!);

    /// <summary>A backtrace frame for a function of this module.</summary>
    public WasmFrame Frame(int functionIndex) =>
        new(functionIndex, Info.Names.FunctionNames.TryGetValue((uint)functionIndex, out var name) ? name : null, Name);
}
