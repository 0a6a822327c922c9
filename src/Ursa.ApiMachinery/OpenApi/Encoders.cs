using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.OpenApi;

/// <summary>
/// The field encoders the message tables are made of. Each takes whatever JSON it is given and writes nothing
/// when the value has the wrong JSON type: the input is our own generated document, and a reader copes better
/// with a missing field than with none of the document.
/// </summary>
internal static class Encoders
{
    // Relaxed escaping keeps non-ASCII text literal in the YAML of Any values; the JSON escapes that remain
    // (\" \\ \n \uXXXX ...) are all valid YAML double-quoted escapes.
    private static readonly JsonSerializerOptions YamlJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly FieldEncoder String = (writer, number, value) => writer.String(number, Text(value));

    /// <summary>A <c>repeated string</c> from a JSON array (or a lone string).</summary>
    public static readonly FieldEncoder Strings = (writer, number, value) => writer.Strings(number, Texts(value));

    /// <summary>A <c>StringArray</c>/<c>TypeItem</c> message, <c>{ repeated string value = 1; }</c>.</summary>
    public static readonly FieldEncoder StringArray =
        (writer, number, value) => writer.Message(number, array => array.Strings(1, Texts(value)));

    public static readonly FieldEncoder Bool =
        (writer, number, value) => writer.Bool(number, value?.GetValueKind() == JsonValueKind.True);

    public static readonly FieldEncoder Double = (writer, number, value) =>
    {
        if (value?.GetValueKind() == JsonValueKind.Number)
        {
            writer.Double(number, double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    };

    public static readonly FieldEncoder Int64 = (writer, number, value) =>
    {
        if (value?.GetValueKind() == JsonValueKind.Number)
        {
            var text = value.ToJsonString();
            writer.Int64(number, long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? whole
                : (long)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    };

    /// <summary>
    /// An <c>Any { google.protobuf.Any value = 1; string yaml = 2; }</c>. gnostic fills only <c>yaml</c>, and
    /// readers (kube-openapi's vendor-extension map, kubectl) YAML-decode it; JSON is YAML, so the value's JSON
    /// text is the YAML.
    /// </summary>
    public static readonly FieldEncoder Any = (writer, number, value) => writer.Message(number, any => any.String(2, Yaml(value)));

    /// <summary>A <c>repeated Any</c> from a JSON array (<c>enum</c>).</summary>
    public static readonly FieldEncoder Anys = (writer, number, value) =>
    {
        if (value is JsonArray array)
        {
            foreach (var item in array)
            {
                Any(writer, number, item);
            }
        }
    };

    /// <summary>A nested message from a JSON object. The table is looked up late, so tables can refer to themselves.</summary>
    public static FieldEncoder Message(Func<GnosticMessage> message) => (writer, number, value) =>
    {
        if (value is JsonObject json)
        {
            writer.Message(number, body => message().Write(body, json));
        }
    };

    /// <summary>A repeated field from a JSON array; <paramref name="element"/> encodes each item.</summary>
    public static FieldEncoder Repeated(FieldEncoder element) => (writer, number, value) =>
    {
        if (value is JsonArray array)
        {
            foreach (var item in array)
            {
                element(writer, number, item);
            }
        }
    };

    /// <summary>The YAML (as JSON text) gnostic would put in an <c>Any</c> for <paramref name="value"/>.</summary>
    public static string Yaml(JsonNode? value) => value is null ? "null" : value.ToJsonString(YamlJson);

    private static string? Text(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => null,
    };

    private static IEnumerable<string> Texts(JsonNode? value) => value switch
    {
        JsonArray array => array.Select(Text).OfType<string>(),
        _ => Text(value) is { } single ? [single] : [],
    };
}
