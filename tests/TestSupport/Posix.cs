using System.Runtime.InteropServices;

namespace EdgeWasm.TestSupport;

/// <summary>POSIX signals for tests that stop or crash child processes the way systemd or a power cut would.</summary>
public static partial class Posix
{
    /// <summary>Graceful termination.</summary>
    public const int SIGTERM = 15;

    /// <summary>Immediate, uncatchable termination.</summary>
    public const int SIGKILL = 9;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>.</summary>
    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
