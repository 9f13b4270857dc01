using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Host;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>A descriptor without a file behind it (stdio, sockets): no offsets, no sync, answered as POSIX does for pipes.</summary>
internal abstract class StreamDescriptor : Descriptor
{
    protected StreamDescriptor(Rights baseRights, FdFlags flags) : base(baseRights, baseRights, Rights.None, flags)
    {
    }

    /// <inheritdoc />
    public override Errno SetFlags(FdFlags flags)
    {
        if ((flags & (FdFlags.Dsync | FdFlags.Rsync | FdFlags.Sync)) != 0) return Errno.NotSup;
        Flags = flags;
        return Errno.Success;
    }

    /// <inheritdoc />
    public override Errno ReadAt(Span<byte> buffer, long offset, out int read)
    {
        read = 0;
        return Errno.Spipe;
    }

    /// <inheritdoc />
    public override Errno WriteAt(ReadOnlySpan<byte> data, long offset, out int written)
    {
        written = 0;
        return Errno.Spipe;
    }

    /// <inheritdoc />
    public override Errno Seek(long offset, Whence whence, out long position)
    {
        position = 0;
        return Errno.Spipe;
    }

    /// <inheritdoc />
    public override Errno Sync(bool dataOnly) => Errno.Inval;

    /// <inheritdoc />
    public override Errno Advise(long offset, long length, Advice advice) => Errno.Spipe;

    /// <inheritdoc />
    public override Errno Allocate(long offset, long length) => Errno.Spipe;

    /// <inheritdoc />
    public override Errno SetSize(long size) => Errno.Inval;

    /// <inheritdoc />
    public override Errno SetTimes(Timespec access, Timespec modify) => Errno.NotSup;

    /// <summary>True when the guest asked for non-blocking I/O on this descriptor.</summary>
    protected bool NonBlocking => (Flags & FdFlags.NonBlock) != 0;
}
