using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Host;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>
/// An entry of the guest's descriptor table. The defaults answer EBADF, which is what Wasmtime returns when
/// an operation does not apply (e.g. fd_read on a directory); streams and sockets override with ESPIPE/EINVAL
/// where POSIX says so.
/// </summary>
internal abstract class Descriptor : IDisposable
{
    protected Descriptor(Rights naturalRights, Rights baseRights, Rights inheritingRights, FdFlags flags)
    {
        NaturalRights = naturalRights;
        BaseRights = baseRights & naturalRights;
        InheritingRights = inheritingRights;
        Flags = flags;
    }

    /// <summary>What the guest sees in fdstat and filestat.</summary>
    public abstract FileType FileType { get; }

    /// <summary>
    /// Every right a descriptor of this kind can have. A right outside this set is not a capability question: the
    /// call goes through and the descriptor answers as POSIX would (EBADF for fd_seek on a directory, ESPIPE on a
    /// stream). Only a right the kind has but this descriptor lost is refused with ENOTCAPABLE.
    /// </summary>
    public Rights NaturalRights { get; }

    /// <summary>Rights for operations on this descriptor.</summary>
    public Rights BaseRights { get; private set; }

    /// <summary>Rights handed to descriptors opened through this one.</summary>
    public Rights InheritingRights { get; private set; }

    /// <summary>The fdflags the guest set or opened with.</summary>
    public FdFlags Flags { get; protected set; }

    /// <summary>True when every right in <paramref name="rights"/> is held.</summary>
    public bool Has(Rights rights) => (BaseRights & rights) == rights;

    /// <summary>fd_fdstat_set_rights: rights may only shrink.</summary>
    public Errno RestrictRights(Rights baseRights, Rights inheritingRights)
    {
        if ((baseRights & ~BaseRights) != 0 || (inheritingRights & ~InheritingRights) != 0) return Errno.NotCapable;
        BaseRights = baseRights;
        InheritingRights = inheritingRights;
        return Errno.Success;
    }

    public virtual Errno SetFlags(FdFlags flags) => Errno.Badf;

    public virtual Errno Read(Span<byte> buffer, CancellationToken interrupt, out int read)
    {
        read = 0;
        return Errno.Badf;
    }

    public virtual Errno Write(ReadOnlySpan<byte> data, CancellationToken interrupt, out int written)
    {
        written = 0;
        return Errno.Badf;
    }

    public virtual Errno ReadAt(Span<byte> buffer, long offset, out int read)
    {
        read = 0;
        return Errno.Badf;
    }

    public virtual Errno WriteAt(ReadOnlySpan<byte> data, long offset, out int written)
    {
        written = 0;
        return Errno.Badf;
    }

    public virtual Errno Seek(long offset, Whence whence, out long position)
    {
        position = 0;
        return Errno.Badf;
    }

    public virtual Errno Sync(bool dataOnly) => Errno.Badf;

    public virtual Errno Advise(long offset, long length, Advice advice) => Errno.Badf;

    public virtual Errno Allocate(long offset, long length) => Errno.Badf;

    public virtual Errno GetStat(out FileStat stat)
    {
        stat = FileStat.OfType(FileType);
        return Errno.Success;
    }

    public virtual Errno SetSize(long size) => Errno.Badf;

    public virtual Errno SetTimes(Timespec access, Timespec modify) => Errno.Badf;

    /// <summary>Completes when a read (or write) would not block. Host files are always ready.</summary>
    public virtual Task WhenReady(bool forWrite, CancellationToken cancel) => Task.CompletedTask;

    /// <summary>The nbytes reported in a poll event: bytes available to read, where known.</summary>
    public virtual ulong ReadyBytes(bool forWrite) => 0;

    /// <summary>Releases host resources the descriptor owns.</summary>
    public void Dispose() => Release();

    /// <summary>Closes what this kind of descriptor owns on the host.</summary>
    protected virtual void Release()
    {
    }
}
