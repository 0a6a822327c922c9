using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Protobuf;

/// <summary>
/// Decodes one protobuf message into the JSON object Kubernetes' JSON serializer would write for it, following a
/// <see cref="MessageSchema"/>. Unknown fields are skipped; zero values of non-pointer scalars are left out
/// (gogo always writes them, so on the wire they mean "unset"; see <see cref="FieldFlags.Pointer"/>).
/// </summary>
internal static class ProtobufJsonDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static JsonObject Decode(ReadOnlySpan<byte> data, MessageSchema schema)
    {
        var result = new JsonObject();
        DecodeInto(result, data, schema);
        return result;
    }

    /// <summary>Decodes the fields of <paramref name="data"/> into <paramref name="target"/> (after what it holds).</summary>
    public static void DecodeInto(JsonObject target, ReadOnlySpan<byte> data, MessageSchema schema)
    {
        var reader = new ProtobufReader(data);
        while (reader.TryReadKey(out int number, out WireType wireType))
        {
            ProtoField? field = schema.Field(number);
            if (field is null)
            {
                reader.Skip(wireType);
                continue;
            }

            if (field.IsMap)
            {
                ReadMapEntry(ref reader, wireType, field, target);
            }
            else if (field.IsInline)
            {
                ReadOnlySpan<byte> payload = ReadPayload(ref reader, wireType, field, schema);
                DecodeInto(target, payload, KubernetesSchema.Message(field.MessageName!));
            }
            else if (field.IsRepeated)
            {
                JsonArray array = target[field.JsonName] as JsonArray ?? [];
                target[field.JsonName] = array;
                if (wireType == WireType.LengthDelimited && IsPackable(field.Type))
                {
                    var packed = new ProtobufReader(reader.ReadLengthDelimited());
                    while (!packed.AtEnd)
                    {
                        array.Add(ReadScalar(ref packed, ExpectedWireType(field.Type), field, schema));
                    }
                }
                else
                {
                    array.Add(ReadValue(ref reader, wireType, field, schema));
                }
            }
            else
            {
                JsonNode? value = ReadValue(ref reader, wireType, field, schema);
                if (value is null || (!field.IsPointer && IsZero(value)))
                {
                    target.Remove(field.JsonName);
                }
                else
                {
                    target[field.JsonName] = value;
                }
            }
        }
    }

    /// <summary>A value of <paramref name="field"/>; <c>null</c> for an unset <c>Time</c> (JSON <c>null</c>, left out).</summary>
    private static JsonNode? ReadValue(ref ProtobufReader reader, WireType wireType, ProtoField field, MessageSchema? owner)
    {
        switch (field.Type)
        {
            case ProtoType.Message:
                return Decode(ReadPayload(ref reader, wireType, field, owner), KubernetesSchema.Message(field.MessageName!));
            case ProtoType.Time:
                return WellKnownTypes.Time(ReadPayload(ref reader, wireType, field, owner), micro: false);
            case ProtoType.MicroTime:
                return WellKnownTypes.Time(ReadPayload(ref reader, wireType, field, owner), micro: true);
            case ProtoType.Quantity:
                return WellKnownTypes.Quantity(ReadPayload(ref reader, wireType, field, owner));
            case ProtoType.IntOrString:
                return WellKnownTypes.IntOrString(ReadPayload(ref reader, wireType, field, owner));
            case ProtoType.FieldsV1:
                return WellKnownTypes.FieldsV1(ReadPayload(ref reader, wireType, field, owner));
            default:
                return ReadScalar(ref reader, wireType, field, owner);
        }
    }

    private static JsonNode ReadScalar(ref ProtobufReader reader, WireType wireType, ProtoField field, MessageSchema? owner)
    {
        ExpectWireType(wireType, ExpectedWireType(field.Type), field, owner);
        return field.Type switch
        {
            ProtoType.Text => JsonValue.Create(Utf8(reader.ReadLengthDelimited(), field, owner)),
            ProtoType.Bytes => JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited())),
            ProtoType.Bool => JsonValue.Create(reader.ReadVarint() != 0),

            // int32 travels as a 64-bit varint; negative values are sign-extended, so truncation restores them.
            ProtoType.Int => JsonValue.Create(unchecked((int)reader.ReadVarint())),
            ProtoType.Long => JsonValue.Create(unchecked((long)reader.ReadVarint())),
            _ => throw new InvalidOperationException($"{field.Type} is not a scalar type"),
        };
    }

    private static void ReadMapEntry(ref ProtobufReader reader, WireType wireType, ProtoField field, JsonObject target)
    {
        var entry = new ProtobufReader(ReadPayload(ref reader, wireType, field, null));
        string key = string.Empty;
        JsonNode? value = null;
        while (entry.TryReadKey(out int number, out WireType entryWireType))
        {
            switch (number)
            {
                case 1:
                    ExpectWireType(entryWireType, WireType.LengthDelimited, field, null);
                    key = Utf8(entry.ReadLengthDelimited(), field, null);
                    break;
                case 2:
                    value = ReadValue(ref entry, entryWireType, field, null);
                    break;
                default:
                    entry.Skip(entryWireType);
                    break;
            }
        }

        // An entry without a value holds the value type's zero value.
        value ??= field.Type == ProtoType.Quantity ? JsonValue.Create("0") : JsonValue.Create(string.Empty);
        JsonObject map = target[field.JsonName] as JsonObject ?? [];
        target[field.JsonName] = map;
        map[key] = value;
    }

    private static ReadOnlySpan<byte> ReadPayload(ref ProtobufReader reader, WireType wireType, ProtoField field, MessageSchema? owner)
    {
        ExpectWireType(wireType, WireType.LengthDelimited, field, owner);
        return reader.ReadLengthDelimited();
    }

    private static bool IsPackable(ProtoType type) => type is ProtoType.Bool or ProtoType.Int or ProtoType.Long;

    private static WireType ExpectedWireType(ProtoType type) =>
        IsPackable(type) ? WireType.Varint : WireType.LengthDelimited;

    private static void ExpectWireType(WireType actual, WireType expected, ProtoField field, MessageSchema? owner)
    {
        if (actual != expected)
        {
            string where = owner is null ? field.JsonName : $"{owner.Name}.{field.JsonName}";
            throw new ProtobufDecodeException(
                $"protobuf field {where} (number {field.Number}) has wire type {(int)actual}, expected {(int)expected}");
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes, ProtoField field, MessageSchema? owner)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            string where = owner is null ? field.JsonName : $"{owner.Name}.{field.JsonName}";
            throw new ProtobufDecodeException($"protobuf field {where} is not valid UTF-8", e);
        }
    }

    private static bool IsZero(JsonNode value) =>
        value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>().Length == 0,
            JsonValueKind.False => true,
            JsonValueKind.Number => value.ToJsonString() == "0",
            _ => false,
        };
}
