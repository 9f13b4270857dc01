using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Host;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>
/// A host file that is not a directory (normally a regular file). O_APPEND is emulated here rather than set on
/// the host descriptor, so fd_fdstat_set_flags can switch it without fcntl.
/// </summary>
internal sealed unsafe class FileDescriptor : Descriptor
{
    private readonly FileType _type;

    public FileDescriptor(HostHandle handle, FileType type, Rights baseRights, Rights inheritingRights, FdFlags flags, bool readOnly)
        : base(RightSets.RegularFile, baseRights, inheritingRights, flags)
    {
        Handle = handle;
        _type = type;
        ReadOnly = readOnly;
    }

    public HostHandle Handle { get; }

    /// <summary>Opened inside a read-only preopen: metadata changes are refused with EPERM.</summary>
    public bool ReadOnly { get; }

    /// <inheritdoc />
    public override FileType FileType => _type;

    /// <inheritdoc />
    public override Errno SetFlags(FdFlags flags)
    {
        const FdFlags changeable = FdFlags.Append | FdFlags.NonBlock;
        if ((flags & ~changeable) != (Flags & ~changeable)) return Errno.NotSup;
        Flags = flags;
        return Errno.Success;
    }

    /// <inheritdoc />
    public override Errno Read(Span<byte> buffer, CancellationToken interrupt, out int read)
    {
        fixed (byte* p = buffer)
        {
            nint result;
            do result = Libc.read(Handle.Fd, p, (nuint)buffer.Length);
            while (Interrupted(result));
            return Complete(result, out read);
        }
    }

    /// <inheritdoc />
    public override Errno Write(ReadOnlySpan<byte> data, CancellationToken interrupt, out int written)
    {
        written = 0;
        if ((Flags & FdFlags.Append) != 0 && Libc.lseek(Handle.Fd, 0, Libc.SeekEnd) < 0) return LinuxErrno.Last();
        fixed (byte* p = data)
        {
            nint result;
            do result = Libc.write(Handle.Fd, p, (nuint)data.Length);
            while (Interrupted(result));
            return Complete(result, out written);
        }
    }

    /// <inheritdoc />
    public override Errno ReadAt(Span<byte> buffer, long offset, out int read)
    {
        fixed (byte* p = buffer)
        {
            nint result;
            do result = Libc.pread(Handle.Fd, p, (nuint)buffer.Length, offset);
            while (Interrupted(result));
            return Complete(result, out read);
        }
    }

    /// <inheritdoc />
    public override Errno WriteAt(ReadOnlySpan<byte> data, long offset, out int written)
    {
        fixed (byte* p = data)
        {
            nint result;
            do result = Libc.pwrite(Handle.Fd, p, (nuint)data.Length, offset);
            while (Interrupted(result));
            return Complete(result, out written);
        }
    }

    /// <inheritdoc />
    public override Errno Seek(long offset, Whence whence, out long position)
    {
        var origin = whence switch
        {
            Whence.Set => Libc.SeekSet,
            Whence.Cur => Libc.SeekCur,
            Whence.End => Libc.SeekEnd,
            _ => -1,
        };
        position = 0;
        if (origin < 0) return Errno.Inval;
        position = Libc.lseek(Handle.Fd, offset, origin);
        return position < 0 ? LinuxErrno.Last() : Errno.Success;
    }

    /// <inheritdoc />
    public override Errno Sync(bool dataOnly) =>
        (dataOnly ? Libc.fdatasync(Handle.Fd) : Libc.fsync(Handle.Fd)) == 0 ? Errno.Success : LinuxErrno.Last();

    /// <inheritdoc />
    public override Errno Advise(long offset, long length, Advice advice) =>
        LinuxErrno.ToWasi(Libc.posix_fadvise(Handle.Fd, offset, length, (int)advice));

    /// <inheritdoc />
    public override Errno Allocate(long offset, long length) =>
        ReadOnly ? Errno.Perm : LinuxErrno.ToWasi(Libc.posix_fallocate(Handle.Fd, offset, length));

    /// <inheritdoc />
    public override Errno GetStat(out FileStat stat) => HostFiles.Stat(Handle.Fd, out stat);

    /// <inheritdoc />
    public override Errno SetSize(long size)
    {
        if (ReadOnly) return Errno.Perm;
        if (!Has(Rights.FdWrite)) return Errno.Badf;
        return Libc.ftruncate(Handle.Fd, size) == 0 ? Errno.Success : LinuxErrno.Last();
    }

    /// <inheritdoc />
    public override Errno SetTimes(Timespec access, Timespec modify)
    {
        if (ReadOnly) return Errno.Perm;
        var times = stackalloc Timespec[2];
        times[0] = access;
        times[1] = modify;
        return Libc.futimens(Handle.Fd, times) == 0 ? Errno.Success : LinuxErrno.Last();
    }

    /// <inheritdoc />
    public override ulong ReadyBytes(bool forWrite)
    {
        if (forWrite || GetStat(out var stat) != Errno.Success) return 0;
        var position = Libc.lseek(Handle.Fd, 0, Libc.SeekCur);
        return position < 0 || (ulong)position >= stat.Size ? 0 : stat.Size - (ulong)position;
    }

    /// <inheritdoc />
    protected override void Release() => Handle.Dispose();

    // Signals interrupt host calls only if the host installs handlers without SA_RESTART; retry as libc callers do.
    private static bool Interrupted(nint result) => result < 0 && Libc.LastError == LinuxErrno.Intr;

    private static Errno Complete(nint result, out int count)
    {
        count = result < 0 ? 0 : (int)result;
        return result < 0 ? LinuxErrno.Last() : Errno.Success;
    }
}
