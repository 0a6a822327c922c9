using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ursa.Api.Meta;

namespace Ursa.Client.Rest;

/// <summary>
/// Decodes a list response (<c>{"metadata":{"resourceVersion":..},"items":[..]}</c>) in one
/// <see cref="Utf8JsonReader"/> pass, each item straight from the reader: no <c>JsonDocument</c> over the whole
/// body (an informer's relist of 10,000 pods is ~12 MB) and no second read of every item from it.
/// </summary>
internal static class ObjectListDecoder
{
    /// <summary>The items and the list's resourceVersion ("" when it has none); malformed JSON throws.</summary>
    public static ObjectList<T> Decode<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> info)
        where T : KubeObject
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("a list response is not a JSON object");
        }

        List<T>? items = null;
        string? resourceVersion = null;
        var sawMetadata = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                items = ReadItems(ref reader, info);
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                sawMetadata = true;
                resourceVersion = ReadResourceVersion(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (items is null || !sawMetadata)
        {
            throw new InvalidDataException($"a list response without {(items is null ? "items" : "metadata")}");
        }

        return new ObjectList<T>(items, resourceVersion ?? string.Empty);
    }

    private static List<T> ReadItems<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> info)
        where T : KubeObject
    {
        var items = new List<T>();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return items;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidDataException($"a list's items are a {reader.TokenType}, not an array");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(JsonSerializer.Deserialize(ref reader, info) ?? throw new InvalidDataException("a list item is null"));
        }

        return items;
    }

    private static string? ReadResourceVersion(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException($"a list's metadata is a {reader.TokenType}, not an object");
        }

        string? resourceVersion = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResourceVersion = reader.ValueTextEquals("resourceVersion"u8);
            reader.Read();
            if (isResourceVersion && reader.TokenType != JsonTokenType.Null)
            {
                resourceVersion = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return resourceVersion;
    }
}
