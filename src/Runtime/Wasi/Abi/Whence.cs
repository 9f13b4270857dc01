namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>whence</c> for fd_seek.</summary>
internal enum Whence : byte
{
    Set = 0,
    Cur = 1,
    End = 2,
}
