namespace EdgeWasm.Runtime.Decoding;

/// <summary>An import. Exactly one of the type fields is set, as <see cref="Kind"/> says.</summary>
internal sealed record Import(string Module, string Name, ExternalKind Kind)
{
    /// <summary>For a function import: its type index.</summary>
    public uint FunctionTypeIndex { get; init; }

    /// <summary>For a table import.</summary>
    public TableType? Table { get; init; }

    /// <summary>For a memory import.</summary>
    public MemoryType? Memory { get; init; }

    /// <summary>For a global import.</summary>
    public GlobalType? Global { get; init; }

    /// <summary>Absolute offset of the import entry in the module, for error messages.</summary>
    public long Offset { get; init; }
}
