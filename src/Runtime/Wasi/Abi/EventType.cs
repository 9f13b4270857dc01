namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>eventtype</c> for poll_oneoff.</summary>
internal enum EventType : byte
{
    Clock = 0,
    FdRead = 1,
    FdWrite = 2,
}
