using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Host;

/// <summary>Single-step host file operations that return WASI errno instead of throwing.</summary>
internal static unsafe class HostFiles
{
    private const ushort TypeMask = 0xF000;

    /// <summary>Stats an open descriptor.</summary>
    public static Errno Stat(int fd, out FileStat stat)
    {
        StatxBuffer buffer;
        byte empty = 0;
        if (Libc.statx(fd, &empty, Libc.AtEmptyPath | Libc.AtSymlinkNoFollow, Libc.StatxBasicStats, &buffer) != 0)
        {
            stat = default;
            return LinuxErrno.Last();
        }

        stat = ToFileStat(buffer);
        return Errno.Success;
    }

    /// <summary>Stats <paramref name="name"/> (one component) in <paramref name="directory"/> without following a symlink.</summary>
    public static Errno StatAt(int directory, byte[] name, out FileStat stat)
    {
        StatxBuffer buffer;
        fixed (byte* path = name)
        {
            if (Libc.statx(directory, path, Libc.AtSymlinkNoFollow, Libc.StatxBasicStats, &buffer) != 0)
            {
                stat = default;
                return LinuxErrno.Last();
            }
        }

        stat = ToFileStat(buffer);
        return Errno.Success;
    }

    /// <summary>The WASI type of a st_mode.</summary>
    public static FileType TypeOf(ushort mode) => (mode & TypeMask) switch
    {
        0x4000 => FileType.Directory,
        0x8000 => FileType.RegularFile,
        0xA000 => FileType.SymbolicLink,
        0x2000 => FileType.CharacterDevice,
        0x6000 => FileType.BlockDevice,
        0xC000 => FileType.SocketStream,
        _ => FileType.Unknown,
    };

    /// <summary>
    /// Reads the target of the symlink <paramref name="name"/>. EINVAL means "exists but is not a symlink",
    /// which the resolver relies on.
    /// </summary>
    public static Errno ReadLink(int directory, byte[] name, out byte[] target)
    {
        var buffer = new byte[HostPath.Max];
        nint length;
        fixed (byte* path = name)
        fixed (byte* destination = buffer)
        {
            length = Libc.readlinkat(directory, path, destination, (nuint)buffer.Length);
        }

        if (length < 0)
        {
            target = [];
            return LinuxErrno.Last();
        }

        if (length >= buffer.Length)
        {
            target = [];
            return Errno.NameTooLong;
        }

        target = buffer.AsSpan(0, (int)length).ToArray();
        return Errno.Success;
    }

    private static FileStat ToFileStat(in StatxBuffer b) => new(
        MakeDevice(b.DeviceMajor, b.DeviceMinor),
        b.Inode,
        TypeOf(b.Mode),
        b.LinkCount,
        b.Size,
        Nanoseconds(b.AccessSeconds, b.AccessNanoseconds),
        Nanoseconds(b.ModifySeconds, b.ModifyNanoseconds),
        Nanoseconds(b.ChangeSeconds, b.ChangeNanoseconds));

    // glibc's makedev, so st_dev matches what a native program sees.
    private static ulong MakeDevice(uint major, uint minor) =>
        ((ulong)(major & 0x00000fffu) << 8) | ((ulong)(major & 0xfffff000u) << 32)
        | (minor & 0x000000ffu) | ((ulong)(minor & 0xffffff00u) << 12);

    private static ulong Nanoseconds(long seconds, uint nanoseconds) =>
        seconds < 0 ? 0 : ((ulong)seconds * 1_000_000_000UL) + nanoseconds;
}
