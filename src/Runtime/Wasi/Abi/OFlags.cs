namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>oflags</c> for path_open.</summary>
[Flags]
internal enum OFlags : ushort
{
    None = 0,
    Create = 1 << 0,
    Directory = 1 << 1,
    Exclusive = 1 << 2,
    Truncate = 1 << 3,
    All = Create | Directory | Exclusive | Truncate,
}
