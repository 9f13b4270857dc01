using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Descriptors;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>
/// The fd_* calls that move data or positions: read, write, pread, pwrite, seek, tell, sync, datasync, advise,
/// allocate, close and renumber. Missing read/write access answers EBADF, as POSIX and Wasmtime do.
/// </summary>
internal static class FdIoCalls
{
    public static Errno Read(DescriptorTable table, GuestMemory memory, int fd, uint iovs, uint count, uint resultPointer, CancellationToken interrupt) =>
        Transfer(table, memory, fd, iovs, count, offset: null, resultPointer, write: false, interrupt);

    public static Errno Write(DescriptorTable table, GuestMemory memory, int fd, uint iovs, uint count, uint resultPointer, CancellationToken interrupt) =>
        Transfer(table, memory, fd, iovs, count, offset: null, resultPointer, write: true, interrupt);

    public static Errno PRead(DescriptorTable table, GuestMemory memory, int fd, uint iovs, uint count, ulong offset, uint resultPointer) =>
        offset > long.MaxValue ? Errno.Inval
        : Transfer(table, memory, fd, iovs, count, (long)offset, resultPointer, write: false, CancellationToken.None);

    public static Errno PWrite(DescriptorTable table, GuestMemory memory, int fd, uint iovs, uint count, ulong offset, uint resultPointer) =>
        offset > long.MaxValue ? Errno.Inval
        : Transfer(table, memory, fd, iovs, count, (long)offset, resultPointer, write: true, CancellationToken.None);

    public static Errno Seek(DescriptorTable table, GuestMemory memory, int fd, long offset, uint whence, uint resultPointer)
    {
        memory.Check(resultPointer, 8);
        var found = table.Lookup(fd, Rights.FdSeek, out var descriptor);

        // Asking only for the current position needs just the tell right.
        if (found == Errno.NotCapable && offset == 0 && whence == (uint)Whence.Cur && descriptor!.Has(Rights.FdTell)) found = Errno.Success;
        if (found != Errno.Success) return found;
        if (whence > (uint)Whence.End) return Errno.Inval;
        var error = descriptor!.Seek(offset, (Whence)whence, out var position);
        if (error == Errno.Success) memory.WriteUInt64(resultPointer, (ulong)position);
        return error;
    }

    public static Errno Tell(DescriptorTable table, GuestMemory memory, int fd, uint resultPointer)
    {
        memory.Check(resultPointer, 8);
        var found = table.Lookup(fd, Rights.FdTell, out var descriptor);
        if (found != Errno.Success) return found;
        var error = descriptor!.Seek(0, Whence.Cur, out var position);
        if (error == Errno.Success) memory.WriteUInt64(resultPointer, (ulong)position);
        return error;
    }

    public static Errno Sync(DescriptorTable table, int fd, bool dataOnly)
    {
        var found = table.Lookup(fd, dataOnly ? Rights.FdDatasync : Rights.FdSync, out var descriptor);
        return found != Errno.Success ? found : descriptor!.Sync(dataOnly);
    }

    public static Errno Advise(DescriptorTable table, int fd, ulong offset, ulong length, uint advice)
    {
        var found = table.Lookup(fd, Rights.FdAdvise, out var descriptor);
        if (found != Errno.Success) return found;
        if (advice > (uint)Abi.Advice.NoReuse || offset > long.MaxValue || length > long.MaxValue) return Errno.Inval;
        return descriptor!.Advise((long)offset, (long)length, (Advice)advice);
    }

    public static Errno Allocate(DescriptorTable table, int fd, ulong offset, ulong length)
    {
        var found = table.Lookup(fd, Rights.FdAllocate, out var descriptor);
        if (found != Errno.Success) return found;
        if (offset > long.MaxValue || length > long.MaxValue || (long)offset + (long)length < 0) return Errno.Fbig;
        return descriptor!.Allocate((long)offset, (long)length);
    }

    public static Errno Close(DescriptorTable table, int fd)
    {
        var descriptor = table.Remove(fd);
        if (descriptor is null) return Errno.Badf;
        descriptor.Dispose();
        return Errno.Success;
    }

    public static Errno Renumber(DescriptorTable table, int from, int to) => table.Renumber(from, to);

    private static Errno Transfer(DescriptorTable table, GuestMemory memory, int fd, uint iovs, uint count, long? offset, uint resultPointer, bool write, CancellationToken interrupt)
    {
        memory.Check(resultPointer, 4);
        if (!table.TryGet(fd, out var descriptor)) return Errno.Badf;
        var access = write ? Rights.FdWrite : Rights.FdRead;

        // POSIX (and Wasmtime) answer a read on a write-only descriptor, or the reverse, with EBADF.
        if (!descriptor.Has(access)) return Errno.Badf;
        if (offset is not null && !descriptor.Has(Rights.FdSeek) && descriptor is FileDescriptor) return Errno.NotCapable;
        var loaded = VectorIo.Load(memory, iovs, count, out var vectors);
        if (loaded != Errno.Success) return loaded;

        var error = write
            ? VectorIo.Write(descriptor, memory, vectors, offset, interrupt, out var total)
            : VectorIo.Read(descriptor, memory, vectors, offset, interrupt, out total);
        if (error == Errno.Success) memory.WriteUInt32(resultPointer, total);
        return error;
    }
}
