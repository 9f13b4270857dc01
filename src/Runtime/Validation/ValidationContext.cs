using EdgeWasm.Runtime.Decoding;

namespace EdgeWasm.Runtime.Validation;

/// <summary>
/// What validating code needs to look up, flattened into arrays once per module so that every lookup is O(1):
/// types as arrays, the type of every function, global, table and element segment (imports first), and the
/// functions that ref.func may name. Built after the type indices of functions have been checked.
/// </summary>
internal sealed class ValidationContext
{
    private static readonly ValueKind[][] SingleTypes = BuildSingleTypes();

    public ValidationContext(ModuleInfo module)
    {
        Module = module;
        TypeParameters = [.. module.Types.Select(t => t.Parameters.ToArray())];
        TypeResults = [.. module.Types.Select(t => t.Results.ToArray())];

        FunctionTypes = new uint[module.TotalFunctionCount];
        var f = 0;
        foreach (var import in module.Imports)
        {
            if (import.Kind == ExternalKind.Function) FunctionTypes[f++] = import.FunctionTypeIndex;
        }

        foreach (var typeIndex in module.FunctionTypeIndices) FunctionTypes[f++] = typeIndex;

        Globals = new GlobalType[module.TotalGlobalCount];
        for (var g = 0; g < Globals.Length; g++) Globals[g] = module.GetGlobalType((uint)g);
        TableTypes = new ValueKind[module.TotalTableCount];
        for (var t = 0; t < TableTypes.Length; t++) TableTypes[t] = module.GetTableType((uint)t).ElementType;
        ElementTypes = [.. module.Elements.Select(e => e.ElementType)];
        DeclaredFunctions = FindDeclaredFunctions(module);
    }

    public ModuleInfo Module { get; }

    /// <summary>Parameter types of each type in the type section.</summary>
    public ValueKind[][] TypeParameters { get; }

    /// <summary>Result types of each type in the type section.</summary>
    public ValueKind[][] TypeResults { get; }

    /// <summary>Type index of every function, imports first.</summary>
    public uint[] FunctionTypes { get; }

    /// <summary>Type of every global, imports first.</summary>
    public GlobalType[] Globals { get; }

    /// <summary>Element type of every table, imports first.</summary>
    public ValueKind[] TableTypes { get; }

    /// <summary>Element type of every element segment.</summary>
    public ValueKind[] ElementTypes { get; }

    /// <summary>The functions that ref.func may name in code: those referenced by element segments, global
    /// initializers or exports (the spec's C.refs).</summary>
    public bool[] DeclaredFunctions { get; }

    public int MemoryCount => Module.TotalMemoryCount;

    /// <summary>A one-element type list, shared.</summary>
    public static ValueKind[] Single(ValueKind type) => SingleTypes[(byte)type];

    private static bool[] FindDeclaredFunctions(ModuleInfo module)
    {
        var declared = new bool[module.TotalFunctionCount];
        void Declare(uint index)
        {
            if (index < (uint)declared.Length) declared[index] = true;
        }

        foreach (var global in module.Globals)
        {
            if (global.Init.Kind == ConstantKind.RefFunc) Declare(global.Init.Index);
        }

        foreach (var segment in module.Elements)
        {
            foreach (var item in segment.Items)
            {
                if (item.Kind == ConstantKind.RefFunc) Declare(item.Index);
            }
        }

        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternalKind.Function) Declare(export.Index);
        }

        return declared;
    }

    private static ValueKind[][] BuildSingleTypes()
    {
        var singles = new ValueKind[256][];
        foreach (var kind in Enum.GetValues<ValueKind>()) singles[(byte)kind] = [kind];
        return singles;
    }
}
