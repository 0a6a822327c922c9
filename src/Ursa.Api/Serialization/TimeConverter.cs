using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ursa.Api.Serialization;

/// <summary>Kubernetes <c>Time</c>: RFC 3339 in UTC with whole seconds, e.g. <c>2026-11-21T06:00:00Z</c>.</summary>
public sealed class TimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Fast path, the form Ursa and Kubernetes write (UTC, 'Z'): parsed from the UTF-8 bytes, no string. Every pod
        // decode reads several timestamps, and the culture-aware parse below was a visible share of watch decoding.
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && reader.ValueSpan is [.., (byte)'Z'] && reader.TryGetDateTimeOffset(out var utc))
        {
            return utc.ToUniversalTime();
        }

        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"invalid time \"{text}\": expected RFC 3339, e.g. 2026-11-21T06:00:00Z");
        }

        return value.ToUniversalTime();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[20];
        value.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }
}
