namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>The rights each kind of descriptor starts with. A guest may narrow them, never widen them.</summary>
internal static class RightSets
{
    /// <summary>Everything a regular file can do.</summary>
    public const Rights RegularFile =
        Rights.FdDatasync | Rights.FdRead | Rights.FdSeek | Rights.FdFdstatSetFlags | Rights.FdSync | Rights.FdTell
        | Rights.FdWrite | Rights.FdAdvise | Rights.FdAllocate | Rights.FdFilestatGet | Rights.FdFilestatSetSize
        | Rights.FdFilestatSetTimes | Rights.PollFdReadwrite;

    /// <summary>Everything a directory can do itself (what it hands to children is <see cref="DirectoryInheriting"/>).</summary>
    public const Rights Directory =
        Rights.PathCreateDirectory | Rights.PathCreateFile | Rights.PathLinkSource | Rights.PathLinkTarget
        | Rights.PathOpen | Rights.FdReaddir | Rights.PathReadlink | Rights.PathRenameSource | Rights.PathRenameTarget
        | Rights.PathFilestatGet | Rights.PathFilestatSetSize | Rights.PathFilestatSetTimes | Rights.FdFilestatGet
        | Rights.FdFilestatSetTimes | Rights.PathSymlink | Rights.PathRemoveDirectory | Rights.PathUnlinkFile;

    /// <summary>What a directory passes on to descriptors opened through it.</summary>
    public const Rights DirectoryInheriting = Directory | RegularFile;

    /// <summary>Standard input: read and poll, no seeking (so wasi-libc never mistakes it for a file).</summary>
    public const Rights StandardInput = Rights.FdRead | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite;

    /// <summary>Standard output and error.</summary>
    public const Rights StandardOutput = Rights.FdWrite | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite;

    /// <summary>A preopened listening socket.</summary>
    public const Rights Listener = Rights.SockAccept | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite;

    /// <summary>A connection accepted from a listener.</summary>
    public const Rights Connection =
        Rights.FdRead | Rights.FdWrite | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite
        | Rights.SockShutdown;

    /// <summary>Rights that only make sense when reading a file.</summary>
    public const Rights ReadAccess = Rights.FdRead | Rights.FdReaddir;

    /// <summary>Rights that need the file opened for writing (wasi-libc asks for these on O_WRONLY).</summary>
    public const Rights WriteAccess = Rights.FdDatasync | Rights.FdWrite | Rights.FdAllocate | Rights.FdFilestatSetSize;
}
