using System.Runtime.InteropServices;

namespace EdgeWasm.Benchmarks;

/// <summary>
/// CPU time (user + system) from getrusage(2). The machine is shared and often overloaded, so wall time
/// mostly measures the scheduler; CPU time is what a program itself cost.
/// </summary>
internal static partial class ResourceUsage
{
    private const int Self = 0;
    private const int Children = -1;
    private const int Thread = 1;

    /// <summary>CPU time of this process, all threads.</summary>
    public static TimeSpan SelfCpu() => Read(Self);

    /// <summary>CPU time of the calling thread (Linux RUSAGE_THREAD).</summary>
    public static TimeSpan ThreadCpu() => Read(Thread);

    /// <summary>CPU time of every child process this process has waited for; a difference brackets one child.</summary>
    public static TimeSpan ChildrenCpu() => Read(Children);

    private static TimeSpan Read(int who)
    {
        if (GetResourceUsage(who, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed with errno {Marshal.GetLastPInvokeError()}");
        }

        var micros = (long)usage.UserSeconds * 1_000_000 + (long)usage.UserMicroseconds
            + (long)usage.SystemSeconds * 1_000_000 + (long)usage.SystemMicroseconds;
        return TimeSpan.FromMicroseconds(micros);
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetResourceUsage(int who, out RUsage usage);

    // struct rusage: two struct timeval (C long seconds, C long microseconds), then 14 C longs we do not read.
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public nint UserSeconds;
        public nint UserMicroseconds;
        public nint SystemSeconds;
        public nint SystemMicroseconds;
        public Rest Unused;
    }

    [System.Runtime.CompilerServices.InlineArray(14)]
    private struct Rest
    {
        private nint _element;
    }
}
