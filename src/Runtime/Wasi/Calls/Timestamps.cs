using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Host;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>Turns the (atim, mtim, fstflags) arguments of *_filestat_set_times into the two timespecs utimensat takes.</summary>
internal static class Timestamps
{
    /// <summary>EINVAL for unknown flags, or for a time given both explicitly and as "now".</summary>
    public static Errno FromFlags(ulong accessTime, ulong modifyTime, uint flags, out Timespec access, out Timespec modify)
    {
        access = Timespec.Marker(Libc.UtimeOmit);
        modify = Timespec.Marker(Libc.UtimeOmit);
        var fst = (FstFlags)flags;
        if ((flags & ~(uint)FstFlags.All) != 0) return Errno.Inval;
        if ((fst & (FstFlags.Atim | FstFlags.AtimNow)) == (FstFlags.Atim | FstFlags.AtimNow)) return Errno.Inval;
        if ((fst & (FstFlags.Mtim | FstFlags.MtimNow)) == (FstFlags.Mtim | FstFlags.MtimNow)) return Errno.Inval;
        if ((fst & FstFlags.Atim) != 0) access = Timespec.FromNanoseconds(accessTime);
        if ((fst & FstFlags.AtimNow) != 0) access = Timespec.Marker(Libc.UtimeNow);
        if ((fst & FstFlags.Mtim) != 0) modify = Timespec.FromNanoseconds(modifyTime);
        if ((fst & FstFlags.MtimNow) != 0) modify = Timespec.Marker(Libc.UtimeNow);
        return Errno.Success;
    }
}
