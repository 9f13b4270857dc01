using System.Security.Cryptography;
using EdgeWasm.Runtime.Errors;
using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>proc_exit, proc_raise, sched_yield and random_get.</summary>
internal static class ProcessCalls
{
    /// <summary>proc_exit: unwinds the guest with its exit code; the engine hands the exception to the host unchanged.</summary>
    public static Errno Exit(uint code) => throw new WasmExitException(unchecked((int)code));

    /// <summary>
    /// proc_raise with POSIX default actions, following wasi-libc's own signal emulation: signals whose default is
    /// to ignore or continue return success; every other signal terminates the guest the way a shell reports a
    /// process killed by that signal, with exit status 128 + the Linux signal number.
    /// </summary>
    public static Errno Raise(uint signal)
    {
        if (signal > (uint)Signal.Sys) return Errno.Inval;
        switch ((Signal)signal)
        {
            case Signal.None or Signal.Chld or Signal.Cont or Signal.Urg or Signal.Winch:
                return Errno.Success;
            default:
                throw new WasmExitException(128 + LinuxSignalNumber((Signal)signal));
        }
    }

    /// <summary>sched_yield.</summary>
    public static Errno Yield()
    {
        Thread.Yield();
        return Errno.Success;
    }

    /// <summary>random_get, from the operating system's cryptographic generator.</summary>
    public static Errno RandomGet(GuestMemory memory, uint buffer, uint length)
    {
        RandomNumberGenerator.Fill(memory.Slice(buffer, length));
        return Errno.Success;
    }

    // WASI numbers signals 1-15 as Linux does; from 16 on WASI has no SIGSTKFLT, so Linux is one higher.
    private static int LinuxSignalNumber(Signal signal) => (int)signal <= 15 ? (int)signal : (int)signal + 1;
}
