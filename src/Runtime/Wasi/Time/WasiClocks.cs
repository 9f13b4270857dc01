using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Host;

namespace EdgeWasm.Runtime.Wasi.Time;

/// <summary>
/// The four WASI clocks. Realtime and monotonic come from the injected <see cref="TimeProvider"/> (so tests can
/// use a fake clock); the CPU-time clocks come from the host kernel, for the host process and the calling thread.
/// </summary>
internal sealed unsafe class WasiClocks
{
    private const ulong NanosecondsPerSecond = 1_000_000_000UL;

    public WasiClocks(TimeProvider time) => Time = time;

    /// <summary>The provider behind realtime, monotonic and poll_oneoff timeouts.</summary>
    public TimeProvider Time { get; }

    /// <summary>clock_res_get.</summary>
    public Errno Resolution(ClockId clock, out ulong nanoseconds)
    {
        nanoseconds = 0;
        switch (clock)
        {
            case ClockId.Realtime:
                // DateTimeOffset counts 100 ns ticks.
                nanoseconds = 100;
                return Errno.Success;
            case ClockId.Monotonic:
                nanoseconds = Math.Max(1UL, NanosecondsPerSecond / (ulong)Time.TimestampFrequency);
                return Errno.Success;
            case ClockId.ProcessCpuTime or ClockId.ThreadCpuTime:
                nanoseconds = CpuResolution(clock);
                return Errno.Success;
            default:
                return Errno.Inval;
        }
    }

    /// <summary>clock_time_get.</summary>
    public Errno Now(ClockId clock, out ulong nanoseconds)
    {
        nanoseconds = 0;
        switch (clock)
        {
            case ClockId.Realtime:
                nanoseconds = RealtimeNow();
                return Errno.Success;
            case ClockId.Monotonic:
                nanoseconds = MonotonicNow();
                return Errno.Success;
            case ClockId.ProcessCpuTime or ClockId.ThreadCpuTime:
                nanoseconds = CpuNow(clock);
                return Errno.Success;
            default:
                return Errno.Inval;
        }
    }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public ulong RealtimeNow()
    {
        var ticks = (Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks;
        return ticks < 0 ? 0 : (ulong)ticks * 100;
    }

    /// <summary>Nanoseconds on the provider's monotonic timestamp scale.</summary>
    public ulong MonotonicNow()
    {
        var timestamp = Time.GetTimestamp();
        return timestamp < 0 ? 0 : (ulong)((UInt128)(ulong)timestamp * NanosecondsPerSecond / (ulong)Time.TimestampFrequency);
    }

    private static ulong CpuNow(ClockId clock)
    {
        if (OperatingSystem.IsLinux())
        {
            Timespec time;
            var id = clock == ClockId.ProcessCpuTime ? Libc.ClockProcessCpuTime : Libc.ClockThreadCpuTime;
            if (Libc.clock_gettime(id, &time) == 0) return time.ToNanoseconds();
        }

        return (ulong)Environment.CpuUsage.TotalTime.Ticks * 100;
    }

    private static ulong CpuResolution(ClockId clock)
    {
        if (OperatingSystem.IsLinux())
        {
            Timespec resolution;
            var id = clock == ClockId.ProcessCpuTime ? Libc.ClockProcessCpuTime : Libc.ClockThreadCpuTime;
            if (Libc.clock_getres(id, &resolution) == 0) return Math.Max(1UL, resolution.ToNanoseconds());
        }

        return 100;
    }
}
