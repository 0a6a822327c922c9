using System.Buffers.Binary;
using System.Text;

namespace Ursa.ApiMachinery.OpenApi;

/// <summary>
/// A minimal protobuf writer: varints, 64-bit doubles and length-delimited fields. Proto3 rules apply to
/// scalars (zero, false and "" are not written); nested messages are always written when asked for, because a
/// present-but-empty message means something to readers (an empty <c>properties</c> still makes a kind).
/// </summary>
/// <remarks>
/// A nested message is written into its own buffer and then copied behind its length, so each byte is copied
/// once per nesting level. Kubernetes' own OpenAPI v2 document is ~3 MB in protobuf with schemas ~10 levels
/// deep: ~30 MB of copying, a few milliseconds, done once per served document.
/// </remarks>
internal sealed class ProtoWriter
{
    private const int VarintType = 0;
    private const int Fixed64Type = 1;
    private const int LengthDelimitedType = 2;

    private readonly MemoryStream _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    public void String(int field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>A repeated string: one field per element, empty strings included (they are elements).</summary>
    public void Strings(int field, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }
    }

    public void Bool(int field, bool value)
    {
        if (value)
        {
            Key(field, VarintType);
            Varint(1);
        }
    }

    /// <summary>A bool that is a oneof member: present even when false.</summary>
    public void OneofBool(int field, bool value)
    {
        Key(field, VarintType);
        Varint(value ? 1UL : 0UL);
    }

    public void Int64(int field, long value)
    {
        if (value != 0)
        {
            Key(field, VarintType);
            Varint(unchecked((ulong)value));
        }
    }

    public void Double(int field, double value)
    {
        if (value != 0)
        {
            Key(field, Fixed64Type);
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
            _buffer.Write(bytes);
        }
    }

    /// <summary>A nested message, written even when empty.</summary>
    public void Message(int field, Action<ProtoWriter> writeBody)
    {
        var body = new ProtoWriter();
        writeBody(body);
        Key(field, LengthDelimitedType);
        Varint((ulong)body._buffer.Length);
        body._buffer.Position = 0;
        body._buffer.CopyTo(_buffer);
    }

    private void Bytes(int field, byte[] value)
    {
        Key(field, LengthDelimitedType);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    private void Key(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
