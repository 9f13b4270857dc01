namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// A decoded module: everything the validator and compiler need, nothing executed yet.
/// Index spaces put imports first: function index <c>i</c> below <see cref="ImportedFunctionCount"/>
/// is an import; the rest index <see cref="FunctionTypeIndices"/> and <see cref="Bodies"/>.
/// </summary>
internal sealed class ModuleInfo
{
    private Import[][]? _importsByKind;

    /// <summary>The whole module binary; <see cref="FunctionBody"/> offsets point into it.</summary>
    public required ReadOnlyMemory<byte> Bytes { get; init; }

    public required IReadOnlyList<FuncType> Types { get; init; }

    public required IReadOnlyList<Import> Imports { get; init; }

    /// <summary>Type index of each defined (non-imported) function.</summary>
    public required IReadOnlyList<uint> FunctionTypeIndices { get; init; }

    public required IReadOnlyList<TableType> Tables { get; init; }

    public required IReadOnlyList<MemoryType> Memories { get; init; }

    public required IReadOnlyList<GlobalDefinition> Globals { get; init; }

    public required IReadOnlyList<Export> Exports { get; init; }

    public uint? StartFunction { get; init; }

    public required IReadOnlyList<ElementSegment> Elements { get; init; }

    /// <summary>The data count section's value, when present (required by memory.init and data.drop).</summary>
    public uint? DataCount { get; init; }

    public required IReadOnlyList<DataSegment> Data { get; init; }

    /// <summary>Bodies of defined functions, parallel to <see cref="FunctionTypeIndices"/>.</summary>
    public required IReadOnlyList<FunctionBody> Bodies { get; init; }

    public required IReadOnlyList<CustomSection> CustomSections { get; init; }

    public required NameSection Names { get; init; }

    /// <summary>Absolute offset of each non-custom section present (its id byte), for error messages.</summary>
    public IReadOnlyDictionary<SectionId, long> SectionOffsets { get; init; } = new Dictionary<SectionId, long>();

    public int ImportedFunctionCount { get; init; }

    public int ImportedTableCount { get; init; }

    public int ImportedMemoryCount { get; init; }

    public int ImportedGlobalCount { get; init; }

    public int TotalFunctionCount => ImportedFunctionCount + FunctionTypeIndices.Count;

    public int TotalTableCount => ImportedTableCount + Tables.Count;

    public int TotalMemoryCount => ImportedMemoryCount + Memories.Count;

    public int TotalGlobalCount => ImportedGlobalCount + Globals.Count;

    /// <summary>The type of any function, imported or defined.</summary>
    public FuncType GetFunctionType(uint functionIndex) =>
        functionIndex < ImportedFunctionCount
            ? Types[(int)ImportAt(ExternalKind.Function, functionIndex).FunctionTypeIndex]
            : Types[(int)FunctionTypeIndices[(int)functionIndex - ImportedFunctionCount]];

    /// <summary>The type of any table, imported or defined.</summary>
    public TableType GetTableType(uint tableIndex) =>
        tableIndex < ImportedTableCount ? ImportAt(ExternalKind.Table, tableIndex).Table! : Tables[(int)tableIndex - ImportedTableCount];

    /// <summary>The type of any memory, imported or defined.</summary>
    public MemoryType GetMemoryType(uint memoryIndex) =>
        memoryIndex < ImportedMemoryCount ? ImportAt(ExternalKind.Memory, memoryIndex).Memory! : Memories[(int)memoryIndex - ImportedMemoryCount];

    /// <summary>The type of any global, imported or defined.</summary>
    public GlobalType GetGlobalType(uint globalIndex) =>
        globalIndex < ImportedGlobalCount ? ImportAt(ExternalKind.Global, globalIndex).Global! : Globals[(int)globalIndex - ImportedGlobalCount].Type;

    /// <summary>The n-th import of a kind.</summary>
    public Import ImportAt(ExternalKind kind, uint n)
    {
        var ofKind = ImportsOfKind(kind);
        if (n >= (uint)ofKind.Length) throw new ArgumentOutOfRangeException(nameof(n), $"no {kind} import {n}");
        return ofKind[n];
    }

    // Built once so that index lookups stay O(1): the validator and compiler look types up per instruction.
    private Import[] ImportsOfKind(ExternalKind kind)
    {
        var byKind = _importsByKind;
        if (byKind is null)
        {
            byKind = new Import[4][];
            for (var k = 0; k < byKind.Length; k++) byKind[k] = [.. Imports.Where(i => (int)i.Kind == k)];
            _importsByKind = byKind;
        }

        return byKind[(int)kind];
    }
}
