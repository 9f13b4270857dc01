namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>lookupflags</c>.</summary>
[Flags]
internal enum LookupFlags : uint
{
    None = 0,
    SymlinkFollow = 1 << 0,
}
