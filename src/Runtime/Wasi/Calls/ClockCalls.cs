using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Time;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>clock_res_get and clock_time_get.</summary>
internal static class ClockCalls
{
    public static Errno ResolutionGet(WasiClocks clocks, GuestMemory memory, uint clock, uint resultPointer)
    {
        memory.Check(resultPointer, 8);
        var error = clocks.Resolution((ClockId)clock, out var resolution);
        if (error == Errno.Success) memory.WriteUInt64(resultPointer, resolution);
        return error;
    }

    /// <summary>The precision argument is a hint that every clock here already meets, so it is not used.</summary>
    public static Errno TimeGet(WasiClocks clocks, GuestMemory memory, uint clock, uint resultPointer)
    {
        memory.Check(resultPointer, 8);
        var error = clocks.Now((ClockId)clock, out var now);
        if (error == Errno.Success) memory.WriteUInt64(resultPointer, now);
        return error;
    }
}
