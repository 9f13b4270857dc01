using System.Net.Sockets;
using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Descriptors;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>sock_accept, sock_recv, sock_send and sock_shutdown on host-provided listeners and the connections they accept.</summary>
internal static class SocketCalls
{
    private const ushort RecvPeek = 1;
    private const ushort RecvWaitAll = 2;
    private const byte ShutdownRead = 1;
    private const byte ShutdownWrite = 2;

    public static Errno Accept(DescriptorTable table, GuestMemory memory, int fd, uint flags, uint resultPointer, CancellationToken interrupt)
    {
        memory.Check(resultPointer, 4);
        if (!table.TryGet(fd, out var descriptor)) return Errno.Badf;
        if (descriptor is not ListenerDescriptor listener) return descriptor is ConnectionDescriptor ? Errno.Inval : Errno.NotSock;
        var found = table.Lookup(fd, Rights.SockAccept, out _);
        if (found != Errno.Success) return found;
        if ((flags & ~(uint)FdFlags.NonBlock) != 0) return Errno.Inval;

        var error = listener.Accept(interrupt, out var socket);
        if (error != Errno.Success) return error;
        var connection = new ConnectionDescriptor(socket!, (FdFlags)flags);
        error = table.Add(connection, out var newFd);
        if (error != Errno.Success)
        {
            connection.Dispose();
            return error;
        }

        memory.WriteUInt32(resultPointer, (uint)newFd);
        return Errno.Success;
    }

    public static Errno Receive(DescriptorTable table, GuestMemory memory, int fd, uint iovs, uint count, uint flags, uint lengthPointer, uint flagsPointer, CancellationToken interrupt)
    {
        memory.Check(lengthPointer, 4);
        memory.Check(flagsPointer, 2);
        var found = Connection(table, fd, Rights.FdRead, out var connection);
        if (found != Errno.Success) return found;
        if ((flags & ~(uint)(RecvPeek | RecvWaitAll)) != 0) return Errno.Inval;
        var loaded = VectorIo.Load(memory, iovs, count, out var vectors);
        if (loaded != Errno.Success) return loaded;

        // One receive into the first non-empty buffer: a second could block after data was already delivered.
        var received = 0;
        foreach (var vector in vectors)
        {
            if (vector.Length == 0) continue;
            var error = connection!.Receive(memory.Slice(vector.Pointer, vector.Length), (flags & RecvPeek) != 0, (flags & RecvWaitAll) != 0, interrupt, out received);
            if (error != Errno.Success) return error;
            break;
        }

        memory.WriteUInt32(lengthPointer, (uint)received);
        memory.WriteUInt16(flagsPointer, 0);
        return Errno.Success;
    }

    public static Errno Send(DescriptorTable table, GuestMemory memory, int fd, uint iovs, uint count, uint flags, uint resultPointer, CancellationToken interrupt)
    {
        memory.Check(resultPointer, 4);
        var found = Connection(table, fd, Rights.FdWrite, out var connection);
        if (found != Errno.Success) return found;
        if (flags != 0) return Errno.Inval;
        var loaded = VectorIo.Load(memory, iovs, count, out var vectors);
        if (loaded != Errno.Success) return loaded;
        var error = VectorIo.Write(connection!, memory, vectors, offset: null, interrupt, out var total);
        if (error == Errno.Success) memory.WriteUInt32(resultPointer, total);
        return error;
    }

    public static Errno Shutdown(DescriptorTable table, int fd, uint how)
    {
        if (!table.TryGet(fd, out var descriptor)) return Errno.Badf;
        if (descriptor is ListenerDescriptor) return Errno.NotConn;
        var found = Connection(table, fd, Rights.SockShutdown, out var connection);
        if (found != Errno.Success) return found;
        return how switch
        {
            ShutdownRead => connection!.Shutdown(SocketShutdown.Receive),
            ShutdownWrite => connection!.Shutdown(SocketShutdown.Send),
            ShutdownRead | ShutdownWrite => connection!.Shutdown(SocketShutdown.Both),
            _ => Errno.Inval,
        };
    }

    private static Errno Connection(DescriptorTable table, int fd, Rights rights, out ConnectionDescriptor? connection)
    {
        connection = null;
        if (!table.TryGet(fd, out var descriptor)) return Errno.Badf;
        if (descriptor is not ConnectionDescriptor found) return descriptor is ListenerDescriptor ? Errno.NotConn : Errno.NotSock;
        var lookup = table.Lookup(fd, rights, out _);
        if (lookup != Errno.Success) return lookup;
        connection = found;
        return Errno.Success;
    }
}
