using System.Runtime.InteropServices;

namespace EdgeWasm.Runtime.Execution;

/// <summary>
/// The lowest address of the current thread's stack, so guest code can be given a stack limit. Asked of the
/// OS once per thread (pthread_getattr_np on Linux, pthread_get_stack*_np on macOS, GetCurrentThreadStackLimits
/// on Windows); guest threads record theirs when they start. Unknown elsewhere, and then guest code always
/// runs on a guest thread.
/// </summary>
internal static unsafe class StackBounds
{
    private const nuint Unknown = 1;

    [ThreadStatic]
    private static nuint t_low;

    private static readonly Lazy<Query?> s_query = new(CreateQuery);

    private delegate nuint Query();

    /// <summary>The current thread's lowest usable stack address, if known.</summary>
    public static bool TryGetLow(out nuint low)
    {
        low = t_low;
        if (low == 0)
        {
            low = s_query.Value?.Invoke() ?? 0;
            if (low == 0) low = Unknown;
            t_low = low;
        }

        return low != Unknown;
    }

    /// <summary>Records the bounds of a thread the engine started (called on that thread).</summary>
    public static void SetCurrent(nuint low) => t_low = low;

    private static Query? CreateQuery()
    {
        try
        {
            if (OperatingSystem.IsLinux()) return LinuxQuery();
            if (OperatingSystem.IsMacOS()) return MacQuery();
            if (OperatingSystem.IsWindows()) return WindowsQuery();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            // Fall through: without bounds, every call runs on a guest thread whose stack we sized.
        }

        return null;
    }

    private static Query? LinuxQuery()
    {
        if (!TryLoad(["libc.so.6", "libc.so", "libc"], out var libc)) return null;
        // glibc before 2.34 keeps the pthread functions in libpthread.
        var lib = NativeLibrary.TryGetExport(libc, "pthread_getattr_np", out _) || !TryLoad(["libpthread.so.0"], out var pthread) ? libc : pthread;
        var self = (delegate* unmanaged<nint>)NativeLibrary.GetExport(lib, "pthread_self");
        var getAttr = (delegate* unmanaged<nint, byte*, int>)NativeLibrary.GetExport(lib, "pthread_getattr_np");
        var getStack = (delegate* unmanaged<byte*, nint*, nuint*, int>)NativeLibrary.GetExport(lib, "pthread_attr_getstack");
        var destroy = (delegate* unmanaged<byte*, int>)NativeLibrary.GetExport(lib, "pthread_attr_destroy");
        return () =>
        {
            // pthread_attr_t is 36 to 64 bytes depending on the platform; 256 covers all of them.
            var attr = stackalloc byte[256];
            if (getAttr(self(), attr) != 0) return 0;
            nint address;
            nuint size;
            var ok = getStack(attr, &address, &size) == 0;
            destroy(attr);
            return ok ? (nuint)address : 0;
        };
    }

    private static Query? MacQuery()
    {
        if (!TryLoad(["/usr/lib/libSystem.dylib", "libSystem.dylib"], out var lib)) return null;
        var self = (delegate* unmanaged<nint>)NativeLibrary.GetExport(lib, "pthread_self");
        var top = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(lib, "pthread_get_stackaddr_np");
        var size = (delegate* unmanaged<nint, nuint>)NativeLibrary.GetExport(lib, "pthread_get_stacksize_np");
        return () =>
        {
            var thread = self();
            return (nuint)top(thread) - size(thread);
        };
    }

    private static Query? WindowsQuery()
    {
        if (!TryLoad(["kernel32.dll"], out var lib)) return null;
        var limits = (delegate* unmanaged<nuint*, nuint*, void>)NativeLibrary.GetExport(lib, "GetCurrentThreadStackLimits");
        return () =>
        {
            nuint low, high;
            limits(&low, &high);
            // The last pages hold the guard page and the runtime's own overflow handling.
            return low + 64 * 1024;
        };
    }

    private static bool TryLoad(string[] names, out nint handle)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out handle)) return true;
        }

        handle = 0;
        return false;
    }
}
