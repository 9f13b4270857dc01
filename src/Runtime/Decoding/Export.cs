namespace EdgeWasm.Runtime.Decoding;

/// <summary>An export: a name and an index in the index space of <see cref="Kind"/> (imports first).</summary>
internal sealed record Export(string Name, ExternalKind Kind, uint Index);
