using System.Buffers.Binary;
using System.Text;

namespace Ursa.UnitTests.ApiMachinery.OpenApi;

/// <summary>
/// A minimal protobuf reader, written apart from the encoder so the two can disagree: splits a message into its
/// fields (varint, fixed64, length-delimited, fixed32) and reads them by number.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly List<(int Number, int WireType, ulong Scalar, byte[] Bytes)> _fields = [];

    private ProtoMessage()
    {
    }

    public IEnumerable<int> FieldNumbers => _fields.Select(f => f.Number);

    public static ProtoMessage Parse(ReadOnlySpan<byte> data)
    {
        var message = new ProtoMessage();
        var position = 0;
        while (position < data.Length)
        {
            var key = ReadVarint(data, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            Assert.True(number > 0, $"field number 0 at byte {position}");
            switch (wireType)
            {
                case 0:
                    message._fields.Add((number, wireType, ReadVarint(data, ref position), []));
                    break;
                case 1:
                    message._fields.Add((number, wireType, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(position, 8)), []));
                    position += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(data, ref position));
                    message._fields.Add((number, wireType, 0, data.Slice(position, length).ToArray()));
                    position += length;
                    break;
                case 5:
                    message._fields.Add((number, wireType, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(position, 4)), []));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wireType} for field {number}");
            }
        }

        return message;
    }

    public bool Has(int number) => _fields.Any(f => f.Number == number);

    public string String(int number) => Strings(number).LastOrDefault() ?? string.Empty;

    public IReadOnlyList<string> Strings(int number) => [.. Delimited(number).Select(b => Encoding.UTF8.GetString(b))];

    public ProtoMessage Message(int number) =>
        Messages(number).LastOrDefault() ?? throw new InvalidDataException($"no message field {number}");

    public IReadOnlyList<ProtoMessage> Messages(int number) => [.. Delimited(number).Select(b => Parse(b))];

    public ulong Varint(int number) => Scalar(number, 0);

    public double Double(int number) => BitConverter.UInt64BitsToDouble(Scalar(number, 1));

    /// <summary>The repeated <c>Named*</c> {name = 1, value = 2} entries of field <paramref name="number"/>, in order.</summary>
    public IReadOnlyList<(string Name, ProtoMessage Value)> Named(int number) =>
        [.. Messages(number).Select(entry => (entry.String(1), entry.Has(2) ? entry.Message(2) : Parse([])))];

    private IEnumerable<byte[]> Delimited(int number)
    {
        foreach (var field in _fields.Where(f => f.Number == number))
        {
            Assert.True(field.WireType == 2, $"field {number} has wire type {field.WireType}, not length-delimited");
            yield return field.Bytes;
        }
    }

    private ulong Scalar(int number, int wireType)
    {
        var matches = _fields.Where(f => f.Number == number).ToList();
        if (matches.Count == 0)
        {
            return 0;
        }

        Assert.True(matches[^1].WireType == wireType, $"field {number} has wire type {matches[^1].WireType}, not {wireType}");
        return matches[^1].Scalar;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("varint longer than 10 bytes");
    }
}
