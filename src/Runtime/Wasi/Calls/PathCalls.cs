using System.Text.Unicode;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Descriptors;
using EdgeWasm.Runtime.Wasi.Host;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>
/// The path_* calls. Each resolves its path with <see cref="PathResolver"/> inside the directory descriptor it is
/// given, then makes one host call on the final component. Changes inside a read-only preopen are refused with
/// EPERM before any lookup, as Wasmtime does for a directory without mutate permission.
/// </summary>
internal static unsafe class PathCalls
{
    private const uint NewDirectoryMode = 0x1ff; // 0777, less the host umask
    private const uint NewFileMode = 0x1b6;      // 0666, less the host umask

    public static Errno CreateDirectory(DescriptorTable table, GuestMemory memory, int fd, uint path, uint pathLength)
    {
        var found = Directory(table, fd, Rights.PathCreateDirectory, mutates: true, out var directory);
        if (found != Errno.Success) return found;
        var error = PathResolver.Resolve(directory!.Handle, memory.Slice(path, pathLength), followFinal: false, out var resolved);
        if (error != Errno.Success) return error;
        using (resolved)
        {
            fixed (byte* name = resolved!.Name)
            {
                return Libc.mkdirat(resolved.Parent, name, NewDirectoryMode) == 0 ? Errno.Success : LinuxErrno.Last();
            }
        }
    }

    public static Errno FileStatGet(DescriptorTable table, GuestMemory memory, int fd, uint lookupFlags, uint path, uint pathLength, uint resultPointer)
    {
        memory.Check(resultPointer, FileStat.Size64);
        var found = Directory(table, fd, Rights.PathFilestatGet, mutates: false, out var directory);
        if (found != Errno.Success) return found;
        var error = PathResolver.Resolve(directory!.Handle, memory.Slice(path, pathLength), Follow(lookupFlags), out var resolved);
        if (error != Errno.Success) return error;
        using (resolved)
        {
            error = HostFiles.StatAt(resolved!.Parent, resolved.Name, out var stat);
            if (error != Errno.Success) return error;
            if (resolved.TrailingSlash && stat.FileType != FileType.Directory) return Errno.NotDir;
            stat.WriteTo(memory, resultPointer);
            return Errno.Success;
        }
    }

    public static Errno FileStatSetTimes(DescriptorTable table, GuestMemory memory, int fd, uint lookupFlags, uint path, uint pathLength, ulong accessTime, ulong modifyTime, uint fstFlags)
    {
        var found = Directory(table, fd, Rights.PathFilestatSetTimes, mutates: true, out var directory);
        if (found != Errno.Success) return found;
        var invalid = Timestamps.FromFlags(accessTime, modifyTime, fstFlags, out var access, out var modify);
        if (invalid != Errno.Success) return invalid;
        var error = PathResolver.Resolve(directory!.Handle, memory.Slice(path, pathLength), Follow(lookupFlags), out var resolved);
        if (error != Errno.Success) return error;
        using (resolved)
        {
            var times = stackalloc Timespec[2];
            times[0] = access;
            times[1] = modify;
            fixed (byte* name = resolved!.Name)
            {
                return Libc.utimensat(resolved.Parent, name, times, Libc.AtSymlinkNoFollow) == 0 ? Errno.Success : LinuxErrno.Last();
            }
        }
    }

    public static Errno Link(DescriptorTable table, GuestMemory memory, int oldFd, uint oldFlags, uint oldPath, uint oldPathLength, int newFd, uint newPath, uint newPathLength)
    {
        // linkat(AT_SYMLINK_FOLLOW) would let the kernel follow a symlink; Wasmtime refuses the flag too.
        if ((oldFlags & (uint)LookupFlags.SymlinkFollow) != 0) return Errno.Inval;
        var found = Directory(table, oldFd, Rights.PathLinkSource, mutates: false, out var source);
        if (found != Errno.Success) return found;
        found = Directory(table, newFd, Rights.PathLinkTarget, mutates: true, out var target);
        if (found != Errno.Success) return found;

        var error = ResolvePair(source!, memory.Slice(oldPath, oldPathLength), target!, memory.Slice(newPath, newPathLength), out var from, out var to);
        if (error != Errno.Success) return error;
        using (from)
        using (to)
        {
            if (from!.TrailingSlash || to!.TrailingSlash) return TrailingSlashLink(from, to!);
            fixed (byte* oldName = from.Name)
            fixed (byte* newName = to!.Name)
            {
                return Libc.linkat(from.Parent, oldName, to.Parent, newName, 0) == 0 ? Errno.Success : LinuxErrno.Last();
            }
        }
    }

    public static Errno Open(
        DescriptorTable table, GuestMemory memory, int fd, uint lookupFlags, uint path, uint pathLength,
        uint oflags, ulong rightsBase, ulong rightsInheriting, uint fdflags, uint resultPointer)
    {
        memory.Check(resultPointer, 4);
        var open = (OFlags)oflags;
        var flags = (FdFlags)fdflags;
        if ((oflags & ~(uint)OFlags.All) != 0 || (fdflags & ~(uint)FdFlags.All) != 0) return Errno.Inval;

        var requested = (Rights)rightsBase;
        var needed = Rights.PathOpen
            | ((open & OFlags.Create) != 0 ? Rights.PathCreateFile : Rights.None)
            | ((open & OFlags.Truncate) != 0 ? Rights.PathFilestatSetSize : Rights.None);
        var wantsWrite = (requested & RightSets.WriteAccess) != 0 || (flags & FdFlags.Append) != 0;
        var mutates = wantsWrite || (open & (OFlags.Create | OFlags.Truncate)) != 0;
        var found = Directory(table, fd, needed, mutates, out var directory);
        if (found != Errno.Success) return found;

        var error = PathResolver.Resolve(directory!.Handle, memory.Slice(path, pathLength), Follow(lookupFlags), out var resolved);
        if (error != Errno.Success) return error;
        int hostFd;
        using (resolved)
        {
            // O_NOFOLLOW always: a symlink the guest asked to follow was already expanded by the resolver.
            var host = LinuxFlags.CloseOnExec | LinuxFlags.NoFollow | LinuxFlags.NoCtty | LinuxFlags.LargeFile;
            var readable = (requested & RightSets.ReadAccess) != 0;
            host |= wantsWrite ? (readable ? LinuxFlags.ReadWrite : LinuxFlags.WriteOnly) : LinuxFlags.ReadOnly;
            if ((open & OFlags.Directory) != 0 || resolved!.TrailingSlash) host |= LinuxFlags.Directory;
            if ((open & OFlags.Create) != 0)
            {
                if (resolved!.TrailingSlash) return Errno.IsDir;
                host |= LinuxFlags.Create;
                if ((open & OFlags.Exclusive) != 0) host |= LinuxFlags.Exclusive;
            }

            if ((open & OFlags.Truncate) != 0) host |= LinuxFlags.Truncate;
            if ((flags & FdFlags.Dsync) != 0) host |= LinuxFlags.Dsync;
            if ((flags & (FdFlags.Sync | FdFlags.Rsync)) != 0) host |= LinuxFlags.Sync;
            if ((flags & FdFlags.NonBlock) != 0) host |= LinuxFlags.NonBlock;

            fixed (byte* name = resolved!.Name)
            {
                do hostFd = Libc.openat(resolved.Parent, name, host, NewFileMode);
                while (hostFd < 0 && Libc.LastError == LinuxErrno.Intr);
            }

            if (hostFd < 0) return LinuxErrno.Last();
        }

        var handle = new HostHandle(hostFd);
        error = HostFiles.Stat(hostFd, out var stat);
        if (error != Errno.Success)
        {
            handle.Dispose();
            return error;
        }

        var inheriting = (Rights)rightsInheriting & directory.InheritingRights;
        var baseRights = requested & directory.InheritingRights;
        Descriptor opened = stat.FileType == FileType.Directory
            ? new DirectoryDescriptor(handle, baseRights, inheriting, directory.ReadOnly, preopenName: null)
            : new FileDescriptor(handle, stat.FileType, baseRights, inheriting, flags, directory.ReadOnly);
        error = table.Add(opened, out var newFd);
        if (error != Errno.Success)
        {
            opened.Dispose();
            return error;
        }

        memory.WriteUInt32(resultPointer, (uint)newFd);
        return Errno.Success;
    }

    /// <summary>path_readlink: silently truncates to the buffer, as readlink(2) does.</summary>
    public static Errno ReadLink(DescriptorTable table, GuestMemory memory, int fd, uint path, uint pathLength, uint buffer, uint bufferLength, uint resultPointer)
    {
        memory.Check(resultPointer, 4);
        var destination = memory.Slice(buffer, bufferLength);
        var found = Directory(table, fd, Rights.PathReadlink, mutates: false, out var directory);
        if (found != Errno.Success) return found;
        var error = PathResolver.Resolve(directory!.Handle, memory.Slice(path, pathLength), followFinal: false, out var resolved);
        if (error != Errno.Success) return error;
        using (resolved)
        {
            error = HostFiles.ReadLink(resolved!.Parent, resolved.Name, out var target);
            if (error != Errno.Success) return error;
            var count = Math.Min(target.Length, destination.Length);
            target.AsSpan(0, count).CopyTo(destination);
            memory.WriteUInt32(resultPointer, (uint)count);
            return Errno.Success;
        }
    }

    public static Errno RemoveDirectory(DescriptorTable table, GuestMemory memory, int fd, uint path, uint pathLength) =>
        Unlink(table, memory, fd, path, pathLength, Rights.PathRemoveDirectory, directoryOnly: true);

    public static Errno UnlinkFile(DescriptorTable table, GuestMemory memory, int fd, uint path, uint pathLength) =>
        Unlink(table, memory, fd, path, pathLength, Rights.PathUnlinkFile, directoryOnly: false);

    public static Errno Rename(DescriptorTable table, GuestMemory memory, int oldFd, uint oldPath, uint oldPathLength, int newFd, uint newPath, uint newPathLength)
    {
        var found = Directory(table, oldFd, Rights.PathRenameSource, mutates: true, out var source);
        if (found != Errno.Success) return found;
        found = Directory(table, newFd, Rights.PathRenameTarget, mutates: true, out var target);
        if (found != Errno.Success) return found;

        var error = ResolvePair(source!, memory.Slice(oldPath, oldPathLength), target!, memory.Slice(newPath, newPathLength), out var from, out var to);
        if (error != Errno.Success) return error;
        using (from)
        using (to)
        {
            // A trailing slash on either side means "this is a directory"; the kernel never sees the slash.
            if (from!.TrailingSlash || to!.TrailingSlash)
            {
                error = HostFiles.StatAt(from.Parent, from.Name, out var stat);
                if (error != Errno.Success) return error;
                if (stat.FileType != FileType.Directory) return Errno.NotDir;
            }

            fixed (byte* oldName = from.Name)
            fixed (byte* newName = to!.Name)
            {
                return Libc.renameat(from.Parent, oldName, to.Parent, newName) == 0 ? Errno.Success : LinuxErrno.Last();
            }
        }
    }

    /// <summary>
    /// path_symlink. The link text is stored as given, but a text that is absolute or climbs above the directory
    /// descriptor is refused with EPERM: it could only ever be followed to EPERM, and host tools that walk the
    /// preopen later would follow it out of the sandbox.
    /// </summary>
    public static Errno Symlink(DescriptorTable table, GuestMemory memory, uint oldPath, uint oldPathLength, int fd, uint newPath, uint newPathLength)
    {
        var text = memory.Slice(oldPath, oldPathLength);
        var found = Directory(table, fd, Rights.PathSymlink, mutates: true, out var directory);
        if (found != Errno.Success) return found;
        if (text.IsEmpty) return Errno.NoEnt;
        if (text.Contains((byte)0)) return Errno.Inval;
        if (!Utf8.IsValid(text)) return Errno.Ilseq;

        var error = PathResolver.Resolve(directory!.Handle, memory.Slice(newPath, newPathLength), followFinal: false, out var resolved);
        if (error != Errno.Success) return error;
        using (resolved)
        {
            if (!PathResolver.StaysInside(text, resolved!.Depth)) return Errno.Perm;
            if (resolved.TrailingSlash)
            {
                var exists = HostFiles.StatAt(resolved.Parent, resolved.Name, out var stat);
                if (exists != Errno.Success) return exists;
                return stat.FileType == FileType.Directory ? Errno.Exist : Errno.NotDir;
            }

            var target = HostPath.Terminated(text);
            fixed (byte* targetBytes = target)
            fixed (byte* name = resolved.Name)
            {
                return Libc.symlinkat(targetBytes, resolved.Parent, name) == 0 ? Errno.Success : LinuxErrno.Last();
            }
        }
    }

    private static Errno Unlink(DescriptorTable table, GuestMemory memory, int fd, uint path, uint pathLength, Rights right, bool directoryOnly)
    {
        var found = Directory(table, fd, right, mutates: true, out var directory);
        if (found != Errno.Success) return found;
        var error = PathResolver.Resolve(directory!.Handle, memory.Slice(path, pathLength), followFinal: false, out var resolved);
        if (error != Errno.Success) return error;
        using (resolved)
        {
            if (!directoryOnly && resolved!.TrailingSlash)
            {
                error = HostFiles.StatAt(resolved.Parent, resolved.Name, out var stat);
                if (error != Errno.Success) return error;
                return stat.FileType == FileType.Directory ? Errno.IsDir : Errno.NotDir;
            }

            fixed (byte* name = resolved!.Name)
            {
                return Libc.unlinkat(resolved.Parent, name, directoryOnly ? Libc.AtRemoveDir : 0) == 0 ? Errno.Success : LinuxErrno.Last();
            }
        }
    }

    // Two-path calls never follow a final symlink: link and rename act on the link itself.
    private static Errno ResolvePair(DirectoryDescriptor source, ReadOnlySpan<byte> oldPath, DirectoryDescriptor target, ReadOnlySpan<byte> newPath, out ResolvedPath? from, out ResolvedPath? to)
    {
        to = null;
        var error = PathResolver.Resolve(source.Handle, oldPath, followFinal: false, out from);
        if (error != Errno.Success) return error;
        error = PathResolver.Resolve(target.Handle, newPath, followFinal: false, out to);
        if (error != Errno.Success)
        {
            from!.Dispose();
            from = null;
        }

        return error;
    }

    // Hard links: a trailing slash on the source names a directory (which cannot be hard-linked), on the target
    // it names a directory that would have to exist already.
    // Always an error: a hard link can be neither made of a directory nor named like one.
    private static Errno TrailingSlashLink(ResolvedPath from, ResolvedPath to)
    {
        if (from.TrailingSlash)
        {
            var error = HostFiles.StatAt(from.Parent, from.Name, out var stat);
            if (error != Errno.Success) return error;
            return stat.FileType == FileType.Directory ? Errno.Perm : Errno.NotDir;
        }

        return HostFiles.StatAt(to.Parent, to.Name, out _) == Errno.Success ? Errno.Exist : Errno.NoEnt;
    }

    /// <summary>
    /// The directory descriptor a path call works in: EBADF if absent, ENOTDIR if not a directory, ENOTCAPABLE if
    /// the right is gone, EPERM if the call changes a read-only tree.
    /// </summary>
    private static Errno Directory(DescriptorTable table, int fd, Rights rights, bool mutates, out DirectoryDescriptor? directory)
    {
        directory = null;
        if (!table.TryGet(fd, out var descriptor)) return Errno.Badf;
        if (descriptor is not DirectoryDescriptor found) return Errno.NotDir;
        var lookup = table.Lookup(fd, rights, out _);
        if (lookup != Errno.Success) return lookup;
        if (mutates && found.ReadOnly) return Errno.Perm;
        directory = found;
        return Errno.Success;
    }

    private static bool Follow(uint lookupFlags) => (lookupFlags & (uint)LookupFlags.SymlinkFollow) != 0;
}
