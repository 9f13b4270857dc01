using System.Buffers.Binary;
using System.Text;
using EdgeWasm.Runtime.Errors;

namespace EdgeWasm.Runtime.Decoding;

/// <summary>
/// Reads the primitive encodings of the binary format (LEB128 integers, IEEE floats, names) from a span.
/// Every failure is a <see cref="WasmDecodeException"/> that names the absolute offset, the current
/// section and function, using the spec's wording ("unexpected end", "integer too large", ...).
/// </summary>
internal ref struct WasmReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _position;

    /// <summary>Reads <paramref name="data"/>, whose first byte is at <paramref name="baseOffset"/> in the module.</summary>
    public WasmReader(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>The section named in errors.</summary>
    public string? Section { get; set; }

    /// <summary>The function index named in errors.</summary>
    public int? FunctionIndex { get; set; }

    /// <summary>Position within the span.</summary>
    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    /// <summary>Absolute offset of the next byte in the module.</summary>
    public readonly long Offset => _baseOffset + _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool AtEnd => _position >= _data.Length;

    public readonly WasmDecodeException Error(string reason) => new(reason, Offset, Section, FunctionIndex);

    public readonly WasmDecodeException ErrorAt(string reason, long offset) => new(reason, offset, Section, FunctionIndex);

    /// <summary>The error for running out of bytes. Inside a section or function body the spec suite says
    /// "unexpected end of section or function"; in the module header it says "unexpected end".</summary>
    public readonly WasmDecodeException UnexpectedEnd() =>
        Error(Section is null ? "unexpected end" : "unexpected end of section or function");

    public byte ReadByte()
    {
        if (_position >= _data.Length) throw UnexpectedEnd();
        return _data[_position++];
    }

    public readonly byte PeekByte()
    {
        if (_position >= _data.Length) throw UnexpectedEnd();
        return _data[_position];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) throw UnexpectedEnd();
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public uint ReadFixedU32()
    {
        var bytes = ReadBytes(4);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public ulong ReadFixedU64()
    {
        var bytes = ReadBytes(8);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>An f32 immediate as its raw bits.</summary>
    public uint ReadF32Bits() => ReadFixedU32();

    /// <summary>An f64 immediate as its raw bits.</summary>
    public ulong ReadF64Bits() => ReadFixedU64();

    public uint ReadVarU32()
    {
        // Most indices and counts fit in one byte; skip the loop for them.
        if (_position < _data.Length && _data[_position] < 0x80) return _data[_position++];

        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var start = Offset;
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw ErrorAt("integer representation too long", start);
                if ((b & 0x70) != 0) throw ErrorAt("integer too large", start);
                return result | ((uint)b << 28);
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    public int ReadVarS32()
    {
        int result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var start = Offset;
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw ErrorAt("integer representation too long", start);
                // The 4 unused bits must be the sign extension of bit 3 (bit 31 of the value).
                var rest = b & 0x70;
                if ((b & 0x08) == 0 ? rest != 0 : rest != 0x70) throw ErrorAt("integer too large", start);
                return result | (b << 28);
            }

            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                var used = shift + 7;
                return (b & 0x40) != 0 ? result | (-1 << used) : result;
            }
        }
    }

    /// <summary>A signed 33-bit LEB128, as used by block types (a type index or a negative value type).</summary>
    public long ReadVarS33()
    {
        long result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var start = Offset;
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0) throw ErrorAt("integer representation too long", start);
                // 5 bytes carry 35 bits; the 2 unused bits must sign-extend bit 32 (bit 4 of this byte).
                var rest = b & 0x60;
                if ((b & 0x10) == 0 ? rest != 0 : rest != 0x60) throw ErrorAt("integer too large", start);
                result |= (long)(b & 0x7F) << shift;
                return (b & 0x40) != 0 ? result | (-1L << 35) : result;
            }

            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                var used = shift + 7;
                return (b & 0x40) != 0 ? result | (-1L << used) : result;
            }
        }
    }

    public long ReadVarS64()
    {
        long result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var start = Offset;
            var b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0) throw ErrorAt("integer representation too long", start);
                // Only bit 0 carries data (bit 63); bits 1..6 must sign-extend it.
                var rest = b & 0x7E;
                if ((b & 0x01) == 0 ? rest != 0 : rest != 0x7E) throw ErrorAt("integer too large", start);
                return result | ((long)b << 63);
            }

            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                var used = shift + 7;
                return (b & 0x40) != 0 && used < 64 ? result | (-1L << used) : result;
            }
        }
    }

    /// <summary>A UTF-8 name prefixed by its byte length.</summary>
    public string ReadName()
    {
        var length = ReadLength();
        var start = Offset;
        var bytes = ReadBytes((int)length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ErrorAt("malformed UTF-8 encoding", start);
        }
    }

    /// <summary>
    /// A u32 length (of a vector, name or section) that cannot exceed the bytes left, counted from the length's
    /// own first byte as the spec's reference decoder does ("length out of bounds"). Bytes whose contents are
    /// then cut short fail later with "unexpected end". This bound is what keeps a huge declared count from
    /// allocating anything before its contents are read.
    /// </summary>
    public uint ReadLength()
    {
        var start = _position;
        var length = ReadVarU32();
        if (length > (uint)(_data.Length - start)) throw ErrorAt("length out of bounds", _baseOffset + start);
        return length;
    }

    /// <summary>A vector length (see <see cref="ReadLength"/>); when each element needs at least
    /// <paramref name="minElementSize"/> bytes, a count whose elements cannot all fit fails at once.</summary>
    public uint ReadCount(int minElementSize = 1)
    {
        var start = Offset;
        var count = ReadLength();
        if (minElementSize > 1 && (ulong)count * (ulong)minElementSize > (ulong)Remaining)
        {
            throw ErrorAt("unexpected end of section or function", start);
        }

        return count;
    }

    /// <summary>A value type (number, vector or reference type), read as the spec's one-byte signed LEB128.</summary>
    public ValueKind ReadValueType()
    {
        var start = Offset;
        var b = ReadByte();
        switch (b)
        {
            case (byte)ValueKind.I32 or (byte)ValueKind.I64 or (byte)ValueKind.F32 or (byte)ValueKind.F64
                or (byte)ValueKind.FuncRef or (byte)ValueKind.ExternRef:
                return (ValueKind)b;
            case (byte)ValueKind.V128:
                throw ErrorAt(SimdNotSupported, start);
            default:
                // A continuation bit makes it a longer LEB128 than the single byte a value type may take.
                if ((b & 0x80) != 0) throw ErrorAt("integer representation too long", Offset);
                throw ErrorAt($"malformed value type 0x{b:x2}", start);
        }
    }

    /// <summary>A reference type: funcref or externref.</summary>
    public ValueKind ReadReferenceType()
    {
        var start = Offset;
        var b = ReadByte();
        if (b is (byte)ValueKind.FuncRef or (byte)ValueKind.ExternRef) return (ValueKind)b;
        throw ErrorAt($"malformed reference type 0x{b:x2}", start);
    }

    /// <summary>The reason given for any use of the SIMD proposal (v128, the 0xFD prefix).</summary>
    public const string SimdNotSupported = "SIMD instructions are not supported yet";
}
