using System.Buffers.Binary;

namespace Ursa.ApiMachinery.Protobuf;

/// <summary>
/// A forward-only reader of the protobuf wire format over a span: field keys, varints, fixed 32/64-bit values and
/// length-delimited payloads. Every read is bounds-checked and fails with <see cref="ProtobufDecodeException"/>.
/// </summary>
internal ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtobufReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next field key; <c>false</c> at the end of the message.</summary>
    public bool TryReadKey(out int fieldNumber, out WireType wireType)
    {
        if (AtEnd)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }

        ulong key = ReadVarint();
        ulong number = key >> 3;
        int type = (int)(key & 7);
        if (number is 0 or > int.MaxValue)
        {
            throw new ProtobufDecodeException($"invalid protobuf field number {number} at offset {_position}");
        }

        if (type is not (0 or 1 or 2 or 5))
        {
            throw new ProtobufDecodeException($"unsupported protobuf wire type {type} for field {number}");
        }

        fieldNumber = (int)number;
        wireType = (WireType)type;
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        // A varint is at most 10 bytes (64 bits in 7-bit groups).
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new ProtobufDecodeException("truncated protobuf varint");
            }

            byte b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ProtobufDecodeException("malformed protobuf varint (more than 10 bytes)");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "fixed64"));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "fixed32"));

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new ProtobufDecodeException(
                $"protobuf length {length} at offset {_position} runs past the end of the message");
        }

        return Take((int)length, "length-delimited");
    }

    /// <summary>Skips the value of a field this reader's caller does not know.</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8, "fixed64");
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.Fixed32:
                Take(4, "fixed32");
                break;
            default:
                throw new ProtobufDecodeException($"unsupported protobuf wire type {(int)wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > _data.Length - _position)
        {
            throw new ProtobufDecodeException($"truncated protobuf {what} value at offset {_position}");
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
