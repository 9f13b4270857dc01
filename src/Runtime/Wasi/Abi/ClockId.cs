namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>clockid</c>.</summary>
internal enum ClockId : uint
{
    Realtime = 0,
    Monotonic = 1,
    ProcessCpuTime = 2,
    ThreadCpuTime = 3,
}
