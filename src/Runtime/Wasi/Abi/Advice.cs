namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>advice</c> for fd_advise (same numbering as Linux POSIX_FADV_*).</summary>
internal enum Advice : byte
{
    Normal = 0,
    Sequential = 1,
    Random = 2,
    WillNeed = 3,
    DontNeed = 4,
    NoReuse = 5,
}
