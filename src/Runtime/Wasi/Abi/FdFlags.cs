namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>fdflags</c>.</summary>
[Flags]
internal enum FdFlags : ushort
{
    None = 0,
    Append = 1 << 0,
    Dsync = 1 << 1,
    NonBlock = 1 << 2,
    Rsync = 1 << 3,
    Sync = 1 << 4,
    All = Append | Dsync | NonBlock | Rsync | Sync,
}
