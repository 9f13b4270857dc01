namespace EdgeWasm.Runtime.Decoding;

/// <summary>An export: a name and an index in the index space of <see cref="Kind"/> (imports first).</summary>
internal sealed record Export(string Name, ExternalKind Kind, uint Index)
{
    /// <summary>Absolute offset of the export entry in the module, for error messages.</summary>
    public long Offset { get; init; }
}
