using System.Runtime.InteropServices;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>C <c>struct timespec</c>; both fields are a C long, i.e. pointer-sized on Linux.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public nint Seconds;
    public nint Nanoseconds;

    /// <summary>A timespec for <paramref name="nanoseconds"/> since the epoch.</summary>
    public static Timespec FromNanoseconds(ulong nanoseconds) => new()
    {
        Seconds = (nint)(nanoseconds / 1_000_000_000UL),
        Nanoseconds = (nint)(nanoseconds % 1_000_000_000UL),
    };

    /// <summary>A timespec carrying one of the UTIME_* markers.</summary>
    public static Timespec Marker(long marker) => new() { Seconds = 0, Nanoseconds = (nint)marker };

    /// <summary>The value in nanoseconds (negative times clamp to zero: WASI timestamps are unsigned).</summary>
    public readonly ulong ToNanoseconds() =>
        Seconds < 0 ? 0 : ((ulong)Seconds * 1_000_000_000UL) + (ulong)Nanoseconds;
}
