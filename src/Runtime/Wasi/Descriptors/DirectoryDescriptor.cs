using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Host;

namespace EdgeWasm.Runtime.Wasi.Descriptors;

/// <summary>
/// A host directory: a preopen or one opened through path_open. Every path call resolves relative to it and can
/// never climb above it. <see cref="ReadOnly"/> is inherited from the preopen and refuses every change with EPERM.
/// </summary>
internal sealed unsafe class DirectoryDescriptor : Descriptor
{
    private IReadOnlyList<DirectoryEntry>? _listing;

    public DirectoryDescriptor(HostHandle handle, Rights baseRights, Rights inheritingRights, bool readOnly, byte[]? preopenName)
        : base(RightSets.Directory, baseRights, inheritingRights, FdFlags.None)
    {
        Handle = handle;
        ReadOnly = readOnly;
        PreopenName = preopenName;
    }

    public HostHandle Handle { get; }

    /// <summary>The tree below this directory may not be changed.</summary>
    public bool ReadOnly { get; }

    /// <summary>The guest path of a preopen (UTF-8, no NUL); null for directories the guest opened.</summary>
    public byte[]? PreopenName { get; }

    /// <inheritdoc />
    public override FileType FileType => FileType.Directory;

    /// <inheritdoc />
    public override Errno GetStat(out FileStat stat) => HostFiles.Stat(Handle.Fd, out stat);

    /// <inheritdoc />
    public override Errno SetTimes(Timespec access, Timespec modify)
    {
        if (ReadOnly) return Errno.Perm;
        var times = stackalloc Timespec[2];
        times[0] = access;
        times[1] = modify;
        return Libc.futimens(Handle.Fd, times) == 0 ? Errno.Success : LinuxErrno.Last();
    }

    /// <summary>
    /// The entries for fd_readdir. Cookie 0 starts a fresh listing; a later cookie continues the listing taken then,
    /// so cookies stay stable while the guest pages through the directory.
    /// </summary>
    public Errno ReadEntries(ulong cookie, out IReadOnlyList<DirectoryEntry> entries)
    {
        if (cookie == 0 || _listing is null)
        {
            var read = DirectoryEntry.ReadAll(Handle.Fd, out var fresh);
            if (read != Errno.Success)
            {
                entries = [];
                return read;
            }

            _listing = fresh;
        }

        entries = _listing;
        return Errno.Success;
    }

    /// <inheritdoc />
    protected override void Release() => Handle.Dispose();
}
