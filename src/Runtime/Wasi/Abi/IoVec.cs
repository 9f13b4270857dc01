namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>One WASI <c>iovec</c>/<c>ciovec</c>: a buffer in guest memory.</summary>
internal readonly record struct IoVec(uint Pointer, uint Length)
{
    /// <summary>Size of an iovec in guest memory.</summary>
    public const uint Size = 8;

    /// <summary>Linux's IOV_MAX: longer vectors get EINVAL, as readv/writev do.</summary>
    public const uint MaxCount = 1024;

    /// <summary>
    /// Reads <paramref name="count"/> iovecs at <paramref name="pointer"/> into <paramref name="destination"/>
    /// and checks that every buffer lies inside memory, so no I/O happens before a fault is found.
    /// </summary>
    public static ulong ReadAll(GuestMemory memory, uint pointer, uint count, Span<IoVec> destination)
    {
        memory.Check(pointer, (ulong)count * Size);
        ulong total = 0;
        for (var i = 0; i < (int)count; i++)
        {
            var at = pointer + ((uint)i * Size);
            var vec = new IoVec(memory.ReadUInt32(at), memory.ReadUInt32(at + 4));
            memory.Check(vec.Pointer, vec.Length);
            destination[i] = vec;
            total += vec.Length;
        }

        return total;
    }
}
