using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ursa.Api.Serialization;

/// <summary>Reads and writes <see cref="IntOrString"/> as a JSON number or string.</summary>
public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    /// <inheritdoc />
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var n) => IntOrString.FromInt(n),
            JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
            _ => throw new JsonException("expected an integer or a string"),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
