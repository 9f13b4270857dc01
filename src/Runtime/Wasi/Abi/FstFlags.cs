namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>fstflags</c>: which timestamps filestat_set_times changes.</summary>
[Flags]
internal enum FstFlags : ushort
{
    None = 0,
    Atim = 1 << 0,
    AtimNow = 1 << 1,
    Mtim = 1 << 2,
    MtimNow = 1 << 3,
    All = Atim | AtimNow | Mtim | MtimNow,
}
