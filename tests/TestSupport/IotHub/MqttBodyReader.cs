using System.Buffers.Binary;
using System.Text;

namespace EdgeWasm.TestSupport.IotHub;

/// <summary>Reads the fields of an MQTT packet body; throws <see cref="InvalidDataException"/> when it runs short.</summary>
internal ref struct MqttBodyReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly int Remaining => _body.Length - _position;

    public byte ReadByte()
    {
        Need(1);
        return _body[_position++];
    }

    public ushort ReadUInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_body[_position..]);
        _position += 2;
        return value;
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = ReadUInt16();
        Need(length);
        var value = _body.Slice(_position, length);
        _position += length;
        return value;
    }

    public string ReadString()
    {
        var bytes = ReadBinary();
        // MQTT strings are well-formed UTF-8 without U+0000 (MQTT-1.5.3-1, -2).
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        if (text.Contains('\0', StringComparison.Ordinal)) throw new InvalidDataException("a string holds U+0000");
        return text;
    }

    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _body[_position..];
        _position = _body.Length;
        return rest;
    }

    private readonly void Need(int count)
    {
        if (_position + count > _body.Length) throw new InvalidDataException("the packet ends early");
    }
}
