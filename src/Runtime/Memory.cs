using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime;

/// <summary>
/// A linear memory: native, zero-initialised bytes in 64 KiB pages, bounds-checked on every access.
/// Belongs to one store. The host reads and writes it through spans or the little-endian helpers.
/// </summary>
public sealed unsafe class Memory
{
    /// <summary>The size of one page.</summary>
    public const int PageSize = 65536;

    /// <summary>The most pages a 32-bit memory can have.</summary>
    public const uint MaxPages = 65536;

    // Generated code reads these two fields directly (reloading them after calls and memory.grow).
    internal nint Base;
    internal long ByteLength;

    private readonly long _limitBytes;

    /// <summary>Creates a memory of <paramref name="minimumPages"/> pages in <paramref name="store"/>, growable to <paramref name="maximumPages"/>.</summary>
    public Memory(Store store, uint minimumPages, uint? maximumPages = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumPages, MaxPages);
        if (maximumPages is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxPages, nameof(maximumPages));
            ArgumentOutOfRangeException.ThrowIfLessThan(max, minimumPages, nameof(maximumPages));
        }

        Store = store;
        Minimum = minimumPages;
        Maximum = maximumPages;
        _limitBytes = store.Limits.MemorySize ?? long.MaxValue;
        var bytes = (long)minimumPages * PageSize;
        if (bytes > _limitBytes)
        {
            throw new WasmLinkException(
                $"a memory of {minimumPages} pages ({bytes} bytes) exceeds the store's limit of {_limitBytes} bytes");
        }

        if (!TryAllocate(bytes))
        {
            throw new WasmLinkException($"could not allocate a memory of {minimumPages} pages ({bytes} bytes)");
        }

        store.RegisterMemory(this);
    }

    /// <summary>Frees the native bytes if the store was never disposed.</summary>
    ~Memory() => Release();

    /// <summary>The store that owns this memory.</summary>
    public Store Store { get; }

    /// <summary>The size it was created with, in pages.</summary>
    public uint Minimum { get; }

    /// <summary>The most pages it may grow to, if bounded.</summary>
    public uint? Maximum { get; }

    /// <summary>The current size in bytes.</summary>
    public long Length => ByteLength;

    /// <summary>The current size in pages.</summary>
    public uint Pages => (uint)(ByteLength / PageSize);

    /// <summary>The whole memory as a span (memories above 2 GiB must use <see cref="GetSpan(long, int)"/>).</summary>
    public Span<byte> GetSpan()
    {
        if (ByteLength > int.MaxValue) throw new InvalidOperationException("the memory is larger than 2 GiB; use GetSpan(address, length)");
        return new Span<byte>((void*)Base, (int)ByteLength);
    }

    /// <summary>A bounds-checked window of <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public Span<byte> GetSpan(long address, int length)
    {
        CheckRange(address, length);
        return new Span<byte>((byte*)Base + address, length);
    }

    /// <summary>Reads a byte.</summary>
    public byte ReadByte(long address) => GetSpan(address, 1)[0];

    /// <summary>Writes a byte.</summary>
    public void WriteByte(long address, byte value) => GetSpan(address, 1)[0] = value;

    /// <summary>Reads a little-endian 16-bit integer.</summary>
    public short ReadInt16(long address) => BinaryPrimitives.ReadInt16LittleEndian(GetSpan(address, 2));

    /// <summary>Writes a little-endian 16-bit integer.</summary>
    public void WriteInt16(long address, short value) => BinaryPrimitives.WriteInt16LittleEndian(GetSpan(address, 2), value);

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    public int ReadInt32(long address) => BinaryPrimitives.ReadInt32LittleEndian(GetSpan(address, 4));

    /// <summary>Writes a little-endian 32-bit integer.</summary>
    public void WriteInt32(long address, int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(address, 4), value);

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    public long ReadInt64(long address) => BinaryPrimitives.ReadInt64LittleEndian(GetSpan(address, 8));

    /// <summary>Writes a little-endian 64-bit integer.</summary>
    public void WriteInt64(long address, long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(address, 8), value);

    /// <summary>Reads a little-endian f32.</summary>
    public float ReadSingle(long address) => BinaryPrimitives.ReadSingleLittleEndian(GetSpan(address, 4));

    /// <summary>Writes a little-endian f32.</summary>
    public void WriteSingle(long address, float value) => BinaryPrimitives.WriteSingleLittleEndian(GetSpan(address, 4), value);

    /// <summary>Reads a little-endian f64.</summary>
    public double ReadDouble(long address) => BinaryPrimitives.ReadDoubleLittleEndian(GetSpan(address, 8));

    /// <summary>Writes a little-endian f64.</summary>
    public void WriteDouble(long address, double value) => BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(address, 8), value);

    /// <summary>Decodes <paramref name="length"/> bytes at <paramref name="address"/> as UTF-8.</summary>
    public string ReadString(long address, int length) => Encoding.UTF8.GetString(GetSpan(address, length));

    /// <summary>Writes <paramref name="value"/> as UTF-8 at <paramref name="address"/> and returns the byte count.</summary>
    public int WriteString(long address, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = Encoding.UTF8.GetByteCount(value);
        return Encoding.UTF8.GetBytes(value, GetSpan(address, count));
    }

    /// <summary>
    /// Grows the memory by <paramref name="deltaPages"/> pages, as <c>memory.grow</c> does: returns the old size
    /// in pages, or -1 when the maximum, the store's limit or the host's memory does not allow it.
    /// </summary>
    public long Grow(uint deltaPages)
    {
        var oldPages = Pages;
        if (deltaPages == 0) return oldPages;
        var newPages = (ulong)oldPages + deltaPages;
        if (newPages > (Maximum ?? MaxPages)) return -1;
        var newBytes = (long)newPages * PageSize;
        if (newBytes > _limitBytes)
        {
            Store.CountMemoryLimitHit();
            return -1;
        }

        var oldBytes = ByteLength;
        if (!TryReallocate(newBytes)) return -1;
        NativeMemory.Clear((byte*)Base + oldBytes, (nuint)(newBytes - oldBytes));
        return oldPages;
    }

    /// <summary>Frees the native bytes; later accesses trap as out of bounds.</summary>
    internal void Release()
    {
        var pointer = Interlocked.Exchange(ref Base, 0);
        ByteLength = 0;
        if (pointer != 0) NativeMemory.Free((void*)pointer);
        GC.SuppressFinalize(this);
    }

    internal void CheckRange(long address, long length)
    {
        if (address < 0 || length < 0 || address > ByteLength - length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(address), $"[{address}, {address}+{length}) is outside the memory of {ByteLength} bytes");
        }
    }

    private bool TryAllocate(long bytes)
    {
        if ((ulong)bytes > nuint.MaxValue) return false;
        try
        {
            // A zero-byte memory still gets a real (tiny) block so Base is never null.
            Base = (nint)NativeMemory.AllocZeroed((nuint)Math.Max(bytes, 8));
            ByteLength = bytes;
            return true;
        }
        catch (OutOfMemoryException)
        {
            return false;
        }
    }

    private bool TryReallocate(long bytes)
    {
        if ((ulong)bytes > nuint.MaxValue || Base == 0) return false;
        try
        {
            var pointer = NativeMemory.Realloc((void*)Base, (nuint)bytes);
            Base = (nint)pointer;
            ByteLength = bytes;
            return true;
        }
        catch (OutOfMemoryException)
        {
            return false;
        }
    }
}
