using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Descriptors;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>The fd_* calls about a descriptor's state: fdstat, filestat, prestat and readdir.</summary>
internal static class FdStatCalls
{
    private const uint FdStatSize = 24;
    private const uint PrestatSize = 8;

    public static Errno FdStatGet(DescriptorTable table, GuestMemory memory, int fd, uint resultPointer)
    {
        var result = memory.Slice(resultPointer, FdStatSize);
        if (!table.TryGet(fd, out var descriptor)) return Errno.Badf;
        result.Clear();
        memory.WriteByte(resultPointer, (byte)descriptor.FileType);
        memory.WriteUInt16(resultPointer + 2, (ushort)descriptor.Flags);
        memory.WriteUInt64(resultPointer + 8, (ulong)descriptor.BaseRights);
        memory.WriteUInt64(resultPointer + 16, (ulong)descriptor.InheritingRights);
        return Errno.Success;
    }

    public static Errno FdStatSetFlags(DescriptorTable table, int fd, uint flags)
    {
        var found = table.Lookup(fd, Rights.FdFdstatSetFlags, out var descriptor);
        if (found != Errno.Success) return found;
        if ((flags & ~(uint)FdFlags.All) != 0) return Errno.Inval;
        return descriptor!.SetFlags((FdFlags)flags);
    }

    public static Errno FdStatSetRights(DescriptorTable table, int fd, ulong baseRights, ulong inheritingRights) =>
        table.TryGet(fd, out var descriptor) ? descriptor.RestrictRights((Rights)baseRights, (Rights)inheritingRights) : Errno.Badf;

    public static Errno FileStatGet(DescriptorTable table, GuestMemory memory, int fd, uint resultPointer)
    {
        memory.Check(resultPointer, FileStat.Size64);
        var found = table.Lookup(fd, Rights.FdFilestatGet, out var descriptor);
        if (found != Errno.Success) return found;
        var error = descriptor!.GetStat(out var stat);
        if (error == Errno.Success) stat.WriteTo(memory, resultPointer);
        return error;
    }

    public static Errno FileStatSetSize(DescriptorTable table, int fd, ulong size)
    {
        var found = table.Lookup(fd, Rights.FdFilestatSetSize, out var descriptor);
        if (found != Errno.Success) return found;
        return size > long.MaxValue ? Errno.Inval : descriptor!.SetSize((long)size);
    }

    public static Errno FileStatSetTimes(DescriptorTable table, int fd, ulong accessTime, ulong modifyTime, uint flags)
    {
        var found = table.Lookup(fd, Rights.FdFilestatSetTimes, out var descriptor);
        if (found != Errno.Success) return found;
        var invalid = Timestamps.FromFlags(accessTime, modifyTime, flags, out var access, out var modify);
        return invalid != Errno.Success ? invalid : descriptor!.SetTimes(access, modify);
    }

    /// <summary>fd_prestat_get. wasi-libc scans fds from 3 up until EBADF, so anything not a preopen answers EBADF.</summary>
    public static Errno PrestatGet(DescriptorTable table, GuestMemory memory, int fd, uint resultPointer)
    {
        var result = memory.Slice(resultPointer, PrestatSize);
        if (!table.TryGet(fd, out var descriptor) || descriptor is not DirectoryDescriptor { PreopenName: { } name }) return Errno.Badf;
        result.Clear();
        memory.WriteByte(resultPointer, 0);
        memory.WriteUInt32(resultPointer + 4, (uint)name.Length);
        return Errno.Success;
    }

    public static Errno PrestatDirName(DescriptorTable table, GuestMemory memory, int fd, uint pathPointer, uint pathLength)
    {
        var destination = memory.Slice(pathPointer, pathLength);
        if (!table.TryGet(fd, out var descriptor) || descriptor is not DirectoryDescriptor { PreopenName: { } name }) return Errno.Badf;
        if (pathLength < name.Length) return Errno.NameTooLong;
        name.CopyTo(destination);
        return Errno.Success;
    }

    /// <summary>
    /// fd_readdir: packs dirent headers and names into the buffer, cutting the last entry short when it does not
    /// fit; a full buffer tells the guest to call again with the last d_next it saw (wasi-libc grows its buffer).
    /// </summary>
    public static Errno ReadDirectory(DescriptorTable table, GuestMemory memory, int fd, uint buffer, uint length, ulong cookie, uint resultPointer)
    {
        memory.Check(resultPointer, 4);
        var output = memory.Slice(buffer, length);
        if (!table.TryGet(fd, out var found)) return Errno.Badf;
        if (found is not DirectoryDescriptor directory) return Errno.NotDir;
        var lookup = table.Lookup(fd, Rights.FdReaddir, out _);
        if (lookup != Errno.Success) return lookup;

        var error = directory.ReadEntries(cookie, out var entries);
        if (error != Errno.Success) return error;

        var used = 0;
        Span<byte> header = stackalloc byte[(int)DirectoryEntry.HeaderSize];
        for (var index = cookie; index < (ulong)entries.Count && used < output.Length; index++)
        {
            var entry = entries[(int)index];
            header.Clear();
            var view = new GuestMemory(header);
            view.WriteUInt64(0, index + 1);
            view.WriteUInt64(8, entry.Inode);
            view.WriteUInt32(16, (uint)entry.Name.Length);
            view.WriteByte(20, (byte)entry.Type);
            used += CopyPart(header, output[used..]);
            used += CopyPart(entry.Name, output[used..]);
        }

        memory.WriteUInt32(resultPointer, (uint)used);
        return Errno.Success;
    }

    private static int CopyPart(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = Math.Min(source.Length, destination.Length);
        source[..count].CopyTo(destination);
        return count;
    }
}
