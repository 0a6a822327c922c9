using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ursa.Api.Meta;
using Ursa.Api.Serialization;

namespace Ursa.Client.Rest;

/// <summary>
/// Decodes one watch event line (<c>{"type":..,"object":..}</c>) from UTF-8 in one <see cref="Utf8JsonReader"/>
/// pass: the object is deserialised straight from the reader with the source-generated type info, no
/// intermediate string or <c>JsonDocument</c>. The server writes <c>type</c> first; an object that comes before
/// its type (other servers may order them so) is skipped once and deserialised from its bytes afterwards.
/// </summary>
internal static class WatchEventDecoder
{
    /// <summary>
    /// The event on <paramref name="line"/>. An <c>ERROR</c> event is thrown as the <see cref="ApiStatusException"/>
    /// its Status describes; a malformed line as <see cref="JsonException"/> or <see cref="InvalidDataException"/>.
    /// </summary>
    public static ObjectEvent<T> Decode<T>(ReadOnlySpan<byte> line, JsonTypeInfo<T> info)
        where T : KubeObject
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("a watch event is not a JSON object");
        }

        EventType? type = null;
        T? value = null;
        Status? error = null;
        var objectStart = -1;
        var objectEnd = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = TypeOf(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                switch (type)
                {
                    case null:
                        // Type not seen yet: remember where the object is and decode it once the type is known.
                        objectStart = (int)reader.TokenStartIndex;
                        reader.Skip();
                        objectEnd = (int)reader.BytesConsumed;
                        break;
                    case { IsError: true }:
                        error = JsonSerializer.Deserialize(ref reader, UrsaJsonContext.Default.Status);
                        break;
                    default:
                        value = JsonSerializer.Deserialize(ref reader, info);
                        break;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new InvalidDataException("a watch event is not a JSON object");
        }

        if (reader.Read())
        {
            throw new InvalidDataException("a watch event line holds more than one JSON value");
        }

        if (type is not { } t)
        {
            throw new InvalidDataException("a watch event without a type");
        }

        if (objectStart >= 0)
        {
            var bytes = line[objectStart..objectEnd];
            if (t.IsError)
            {
                error = JsonSerializer.Deserialize(bytes, UrsaJsonContext.Default.Status);
            }
            else
            {
                value = JsonSerializer.Deserialize(bytes, info);
            }
        }

        if (t.IsError)
        {
            // The same exception as the JsonDocument path threw: Status.code (500 when absent), reason, message.
            throw new ApiStatusException((HttpStatusCode)(error?.Code ?? 500), error?.Reason ?? "Unknown", error?.Message ?? "watch error");
        }

        if (value is null)
        {
            throw new InvalidDataException($"a watch event ({t.Kind}) without an object");
        }

        return new ObjectEvent<T>(t.Kind, value, value.Metadata.ResourceVersion ?? string.Empty);
    }

    private static EventType TypeOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidDataException($"a watch event type is a {reader.TokenType}, not a string");
        }

        // Compared as UTF-8, so the common types cost no string.
        if (reader.ValueTextEquals("ADDED"u8))
        {
            return new EventType(WatchEventKind.Added, false);
        }

        if (reader.ValueTextEquals("MODIFIED"u8))
        {
            return new EventType(WatchEventKind.Modified, false);
        }

        if (reader.ValueTextEquals("DELETED"u8))
        {
            return new EventType(WatchEventKind.Deleted, false);
        }

        if (reader.ValueTextEquals("BOOKMARK"u8))
        {
            return new EventType(WatchEventKind.Bookmark, false);
        }

        if (reader.ValueTextEquals("ERROR"u8))
        {
            return new EventType(default, true);
        }

        throw new InvalidDataException($"unknown watch event type {reader.GetString()}");
    }

    private readonly record struct EventType(WatchEventKind Kind, bool IsError);
}
