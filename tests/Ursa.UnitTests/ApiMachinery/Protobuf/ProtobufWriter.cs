using System.Text;

namespace Ursa.UnitTests.ApiMachinery.Protobuf;

/// <summary>
/// A tiny protobuf encoder for building test bodies field by field, in the order and with the "always write
/// non-pointer scalars" habit of Go's gogo-protobuf encoder.
/// </summary>
internal sealed class ProtobufWriter
{
    private readonly List<byte> _bytes = [];

    /// <summary>A full request body: <c>k8s\0</c> + runtime.Unknown {typeMeta, raw, contentEncoding, contentType}.</summary>
    public static byte[] Body(string apiVersion, string kind, Action<ProtobufWriter> writeObject, string contentEncoding = "")
    {
        var unknown = new ProtobufWriter()
            .Message(1, typeMeta => typeMeta.String(1, apiVersion).String(2, kind))
            .Message(2, writeObject)
            .String(3, contentEncoding)
            .String(4, string.Empty);
        return [.. "k8s\0"u8.ToArray(), .. unknown.ToArray()];
    }

    public ProtobufWriter Varint(int field, long value)
    {
        Key(field, 0);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    public ProtobufWriter Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Bytes(int field, byte[] value)
    {
        Key(field, 2);
        WriteVarint((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public ProtobufWriter Message(int field, Action<ProtobufWriter> writeFields)
    {
        var nested = new ProtobufWriter();
        writeFields(nested);
        return Bytes(field, nested.ToArray());
    }

    /// <summary>A field with no content: an empty string, empty struct, or zero <c>Time</c>.</summary>
    public ProtobufWriter Empty(int field) => Bytes(field, []);

    /// <summary>One <c>map&lt;string, string&gt;</c> entry.</summary>
    public ProtobufWriter Entry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    /// <summary>One <c>map&lt;string, Quantity&gt;</c> entry.</summary>
    public ProtobufWriter QuantityEntry(int field, string key, string quantity) =>
        Message(field, e => e.String(1, key).Message(2, q => q.String(1, quantity)));

    public ProtobufWriter Fixed32(int field, uint value)
    {
        Key(field, 5);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public ProtobufWriter Fixed64(int field, ulong value)
    {
        Key(field, 1);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    /// <summary>Appends bytes as they are (for malformed input).</summary>
    public ProtobufWriter Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private void Key(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }
}
