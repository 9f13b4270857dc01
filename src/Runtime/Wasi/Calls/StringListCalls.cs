using EdgeWasm.Runtime.Wasi.Abi;

namespace EdgeWasm.Runtime.Wasi.Calls;

/// <summary>
/// args_* and environ_*: both hand the guest a list of NUL-terminated strings as an array of pointers into one
/// buffer, after telling it how much room to reserve.
/// </summary>
internal static class StringListCalls
{
    /// <summary>args_sizes_get / environ_sizes_get.</summary>
    public static Errno SizesGet(IReadOnlyList<byte[]> values, GuestMemory memory, uint countPointer, uint sizePointer)
    {
        memory.Check(countPointer, 4);
        memory.Check(sizePointer, 4);
        memory.WriteUInt32(countPointer, (uint)values.Count);
        memory.WriteUInt32(sizePointer, (uint)TotalSize(values));
        return Errno.Success;
    }

    /// <summary>args_get / environ_get.</summary>
    public static Errno Get(IReadOnlyList<byte[]> values, GuestMemory memory, uint pointers, uint buffer)
    {
        memory.Check(pointers, (ulong)values.Count * 4);
        memory.Check(buffer, (ulong)TotalSize(values));
        var at = buffer;
        for (var i = 0; i < values.Count; i++)
        {
            memory.WriteUInt32(pointers + ((uint)i * 4), at);
            memory.Write(at, values[i]);
            at += (uint)values[i].Length;
        }

        return Errno.Success;
    }

    private static long TotalSize(IReadOnlyList<byte[]> values)
    {
        long total = 0;
        foreach (var value in values) total += value.Length;
        return total;
    }
}
