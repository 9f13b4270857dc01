using EdgeWasm.Runtime.Wasi.Abi;
using EdgeWasm.Runtime.Wasi.Descriptors;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>
/// Scatter/gather I/O over guest iovecs, with readv/writev semantics: a short transfer ends the call, and an
/// error after some bytes moved reports the bytes instead of the error. Streams read at most one buffer per call,
/// since a second read could block although data was already delivered.
/// </summary>
internal static class VectorIo
{
    // Guest calls on one thread never nest, so one scratch array per thread serves every call without allocating.
    [ThreadStatic]
    private static IoVec[]? t_scratch;

    /// <summary>
    /// Reads and bounds-checks the iovec array; EINVAL if it is longer than IOV_MAX or totals over 2 GiB.
    /// The result is valid until the next call on this thread.
    /// </summary>
    public static Errno Load(GuestMemory memory, uint pointer, uint count, out ReadOnlySpan<IoVec> vectors)
    {
        vectors = default;
        if (count > IoVec.MaxCount) return Errno.Inval;
        var scratch = t_scratch ??= new IoVec[IoVec.MaxCount];
        var total = IoVec.ReadAll(memory, pointer, count, scratch);
        if (total > int.MaxValue) return Errno.Inval;
        vectors = scratch.AsSpan(0, (int)count);
        return Errno.Success;
    }

    /// <summary>fd_read / fd_pread / sock_recv body.</summary>
    public static Errno Read(Descriptor descriptor, GuestMemory memory, ReadOnlySpan<IoVec> vectors, long? offset, CancellationToken interrupt, out uint total)
    {
        total = 0;
        var isStream = descriptor is StreamDescriptor;
        foreach (var vector in vectors)
        {
            if (vector.Length == 0) continue;
            var target = memory.Slice(vector.Pointer, vector.Length);
            int count;
            var error = offset is { } at
                ? descriptor.ReadAt(target, at + total, out count)
                : descriptor.Read(target, interrupt, out count);
            if (error != Errno.Success) return total > 0 ? Errno.Success : error;
            total += (uint)count;
            if ((uint)count < vector.Length || isStream) break;
        }

        return Errno.Success;
    }

    /// <summary>fd_write / fd_pwrite / sock_send body.</summary>
    public static Errno Write(Descriptor descriptor, GuestMemory memory, ReadOnlySpan<IoVec> vectors, long? offset, CancellationToken interrupt, out uint total)
    {
        total = 0;
        foreach (var vector in vectors)
        {
            if (vector.Length == 0) continue;
            var source = memory.Slice(vector.Pointer, vector.Length);
            int count;
            var error = offset is { } at
                ? descriptor.WriteAt(source, at + total, out count)
                : descriptor.Write(source, interrupt, out count);
            if (error != Errno.Success) return total > 0 ? Errno.Success : error;
            total += (uint)count;
            if ((uint)count < vector.Length) break;
        }

        return Errno.Success;
    }
}
