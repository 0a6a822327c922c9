using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Protobuf;

/// <summary>
/// The apimachinery messages whose JSON form is a scalar: <c>Time</c>, <c>MicroTime</c>, <c>Quantity</c>,
/// <c>IntOrString</c>, and <c>FieldsV1</c> (raw JSON).
/// </summary>
internal static class WellKnownTypes
{
    /// <summary>
    /// <c>Time</c>/<c>MicroTime</c> {int64 seconds = 1; int32 nanos = 2}. Go writes a zero time as an empty message,
    /// which is JSON <c>null</c>, so it returns <c>null</c>. <c>Time</c> has second precision (Go drops the nanos on
    /// decode too); <c>MicroTime</c> has microseconds.
    /// </summary>
    public static JsonNode? Time(ReadOnlySpan<byte> payload, bool micro)
    {
        if (payload.IsEmpty)
        {
            return null;
        }

        long seconds = 0;
        long nanos = 0;
        var reader = new ProtobufReader(payload);
        while (reader.TryReadKey(out int number, out WireType wireType))
        {
            if (number is 1 or 2 && wireType == WireType.Varint)
            {
                long value = unchecked((long)reader.ReadVarint());
                if (number == 1)
                {
                    seconds = value;
                }
                else
                {
                    nanos = unchecked((int)value);
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        DateTimeOffset instant;
        try
        {
            instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ProtobufDecodeException($"protobuf time {seconds}s is outside years 1-9999", e);
        }

        if (!micro)
        {
            return JsonValue.Create(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        if (nanos is < 0 or > 999_999_999)
        {
            throw new ProtobufDecodeException($"protobuf time nanos {nanos} out of range");
        }

        DateTime withMicros = instant.UtcDateTime.AddTicks(nanos / 1000 * (TimeSpan.TicksPerMillisecond / 1000));
        return JsonValue.Create(withMicros.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary><c>Quantity</c> {string string = 1}: the canonical string as is (an empty message is zero).</summary>
    public static JsonNode Quantity(ReadOnlySpan<byte> payload)
    {
        string text = "0";
        var reader = new ProtobufReader(payload);
        while (reader.TryReadKey(out int number, out WireType wireType))
        {
            if (number == 1 && wireType == WireType.LengthDelimited)
            {
                text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return JsonValue.Create(text);
    }

    /// <summary><c>IntOrString</c> {int64 type = 1; int32 intVal = 2; string strVal = 3}; type 1 is the string form.</summary>
    public static JsonNode IntOrString(ReadOnlySpan<byte> payload)
    {
        long type = 0;
        int intValue = 0;
        string stringValue = string.Empty;
        var reader = new ProtobufReader(payload);
        while (reader.TryReadKey(out int number, out WireType wireType))
        {
            switch (number, wireType)
            {
                case (1, WireType.Varint):
                    type = unchecked((long)reader.ReadVarint());
                    break;
                case (2, WireType.Varint):
                    intValue = unchecked((int)reader.ReadVarint());
                    break;
                case (3, WireType.LengthDelimited):
                    stringValue = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(stringValue) : JsonValue.Create(intValue);
    }

    /// <summary><c>FieldsV1</c> {bytes Raw = 1}: the bytes are a JSON document, embedded as a JSON value.</summary>
    public static JsonNode? FieldsV1(ReadOnlySpan<byte> payload)
    {
        ReadOnlySpan<byte> raw = default;
        var reader = new ProtobufReader(payload);
        while (reader.TryReadKey(out int number, out WireType wireType))
        {
            if (number == 1 && wireType == WireType.LengthDelimited)
            {
                raw = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (raw.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new ProtobufDecodeException("protobuf managedFields fieldsV1 is not valid JSON", e);
        }
    }
}
