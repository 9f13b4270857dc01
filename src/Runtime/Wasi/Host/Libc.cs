using System.Runtime.InteropServices;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>
/// The POSIX calls the sandbox is built on. Every path handed to the *at calls here is a single component
/// (never containing '/'), so the kernel only ever looks one step below a directory the sandbox already holds.
/// The 64-bit file-offset entry points are used so 32-bit ARM gateways handle large files too.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    /// <summary>The "current directory" pseudo descriptor; used only for host-trusted preopen paths.</summary>
    public const int AtFdCwd = -100;

    public const int AtSymlinkNoFollow = 0x100;
    public const int AtRemoveDir = 0x200;
    public const int AtEmptyPath = 0x1000;

    /// <summary>statx mask for the fields of a classic stat.</summary>
    public const uint StatxBasicStats = 0x7ff;

    public const long UtimeNow = (1L << 30) - 1;
    public const long UtimeOmit = (1L << 30) - 2;

    public const int SeekSet = 0;
    public const int SeekCur = 1;
    public const int SeekEnd = 2;

    public const int ClockProcessCpuTime = 2;
    public const int ClockThreadCpuTime = 3;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int openat(int dirfd, byte* path, int flags, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "pread64", SetLastError = true)]
    public static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "pwrite64", SetLastError = true)]
    public static partial nint pwrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Library, EntryPoint = "lseek64", SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport(Library, EntryPoint = "ftruncate64", SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    /// <summary>Returns the error number directly (0 on success), as POSIX specifies.</summary>
    [LibraryImport(Library, EntryPoint = "posix_fadvise64")]
    public static partial int posix_fadvise(int fd, long offset, long length, int advice);

    /// <summary>Returns the error number directly (0 on success), as POSIX specifies.</summary>
    [LibraryImport(Library, EntryPoint = "posix_fallocate64")]
    public static partial int posix_fallocate(int fd, long offset, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int statx(int dirfd, byte* path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int futimens(int fd, Timespec* times);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int utimensat(int dirfd, byte* path, Timespec* times, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int mkdirat(int dirfd, byte* path, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int renameat(int oldDirfd, byte* oldPath, int newDirfd, byte* newPath);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int linkat(int oldDirfd, byte* oldPath, int newDirfd, byte* newPath, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int symlinkat(byte* target, int newDirfd, byte* linkPath);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint readlinkat(int dirfd, byte* path, byte* buffer, nuint size);

    /// <summary>Takes ownership of <paramref name="fd"/>; closedir closes it.</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial nint fdopendir(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint readdir64(nint directory);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int closedir(nint directory);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int clock_gettime(int clock, Timespec* time);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int clock_getres(int clock, Timespec* resolution);

    /// <summary>The errno of the last call made through this class.</summary>
    public static int LastError => Marshal.GetLastPInvokeError();
}
