using System.Buffers.Binary;

namespace EdgeWasm.Runtime.Wasi.Abi;

/// <summary>
/// The guest's linear memory seen through WASI's 32-bit pointers. Every access is bounds-checked: a range that
/// does not fit throws <see cref="GuestFaultException"/>, which the dispatcher turns into EFAULT.
/// Values are little-endian and need no alignment.
/// </summary>
internal readonly ref struct GuestMemory
{
    private readonly Span<byte> _bytes;

    /// <summary>Wraps the whole linear memory.</summary>
    public GuestMemory(Span<byte> bytes) => _bytes = bytes;

    /// <summary>Size of linear memory in bytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>The bytes [pointer, pointer + length).</summary>
    public Span<byte> Slice(uint pointer, uint length)
    {
        if ((ulong)pointer + length > (ulong)_bytes.Length) throw new GuestFaultException(pointer, length, _bytes.Length);
        return _bytes.Slice((int)pointer, (int)length);
    }

    /// <summary>Throws unless [pointer, pointer + length) lies inside memory; for arrays checked before any side effect.</summary>
    public void Check(uint pointer, ulong length)
    {
        if (pointer + length > (ulong)_bytes.Length) throw new GuestFaultException(pointer, length, _bytes.Length);
    }

    public byte ReadByte(uint pointer) => Slice(pointer, 1)[0];

    public ushort ReadUInt16(uint pointer) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(pointer, 2));

    public uint ReadUInt32(uint pointer) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(pointer, 4));

    public ulong ReadUInt64(uint pointer) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(pointer, 8));

    public void WriteByte(uint pointer, byte value) => Slice(pointer, 1)[0] = value;

    public void WriteUInt16(uint pointer, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Slice(pointer, 2), value);

    public void WriteUInt32(uint pointer, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Slice(pointer, 4), value);

    public void WriteUInt64(uint pointer, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Slice(pointer, 8), value);

    /// <summary>Copies <paramref name="data"/> to memory at <paramref name="pointer"/>.</summary>
    public void Write(uint pointer, ReadOnlySpan<byte> data) => data.CopyTo(Slice(pointer, (uint)data.Length));
}
