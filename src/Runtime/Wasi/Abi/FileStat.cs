namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>WASI <c>filestat</c> (64 bytes in guest memory). Times are nanoseconds since the Unix epoch.</summary>
internal readonly record struct FileStat(
    ulong Device, ulong Inode, FileType FileType, ulong LinkCount, ulong Size, ulong AccessTime, ulong ModifyTime, ulong ChangeTime)
{
    /// <summary>Size of a filestat in guest memory.</summary>
    public const uint Size64 = 64;

    /// <summary>A stat for something that is not a host file (stdio, sockets): only the type is known.</summary>
    public static FileStat OfType(FileType type) => new(0, 0, type, 0, 0, 0, 0, 0);

    /// <summary>Writes the witx layout at <paramref name="pointer"/>.</summary>
    public void WriteTo(GuestMemory memory, uint pointer)
    {
        var bytes = memory.Slice(pointer, Size64);
        bytes.Clear();
        var view = new GuestMemory(bytes);
        view.WriteUInt64(0, Device);
        view.WriteUInt64(8, Inode);
        view.WriteByte(16, (byte)FileType);
        view.WriteUInt64(24, LinkCount);
        view.WriteUInt64(32, Size);
        view.WriteUInt64(40, AccessTime);
        view.WriteUInt64(48, ModifyTime);
        view.WriteUInt64(56, ChangeTime);
    }
}
