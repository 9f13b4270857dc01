namespace EdgeWasm.Runtime.Decoding;

/// <summary>What an import or export refers to; values are the binary encoding.</summary>
internal enum ExternalKind : byte
{
    Function = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
}
