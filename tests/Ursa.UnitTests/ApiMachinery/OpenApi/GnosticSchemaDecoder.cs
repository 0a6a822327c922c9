using System.Text.Json.Nodes;

namespace Ursa.UnitTests.ApiMachinery.OpenApi;

/// <summary>
/// Turns a decoded <c>openapi.v2.Schema</c> back into Swagger JSON, with field numbers transcribed from
/// gnostic's OpenAPIv2.proto on their own (not shared with the encoder), for round-trip tests.
/// </summary>
internal static class GnosticSchemaDecoder
{
    private static readonly (string Name, int Number)[] StringFields =
        [("$ref", 1), ("format", 2), ("title", 3), ("description", 4), ("pattern", 13), ("discriminator", 26)];

    private static readonly (string Name, int Number)[] DoubleFields = [("multipleOf", 6), ("maximum", 7), ("minimum", 9)];

    private static readonly (string Name, int Number)[] IntegerFields =
        [("maxLength", 11), ("minLength", 12), ("maxItems", 14), ("minItems", 15), ("maxProperties", 17), ("minProperties", 18)];

    private static readonly (string Name, int Number)[] BoolFields =
        [("exclusiveMaximum", 8), ("exclusiveMinimum", 10), ("uniqueItems", 16), ("readOnly", 27)];

    public static JsonObject Decode(ProtoMessage schema)
    {
        var json = new JsonObject();
        foreach (var (name, number) in StringFields.Where(f => schema.Has(f.Number)))
        {
            json[name] = schema.String(number);
        }

        foreach (var (name, number) in DoubleFields.Where(f => schema.Has(f.Number)))
        {
            json[name] = schema.Double(number);
        }

        foreach (var (name, number) in IntegerFields.Where(f => schema.Has(f.Number)))
        {
            json[name] = (long)schema.Varint(number);
        }

        foreach (var (name, number) in BoolFields.Where(f => schema.Has(f.Number)))
        {
            json[name] = schema.Varint(number) != 0;
        }

        if (schema.Has(5))
        {
            json["default"] = AnyValue(schema.Message(5));
        }

        if (schema.Has(19))
        {
            json["required"] = new JsonArray([.. schema.Strings(19).Select(s => (JsonNode)s)]);
        }

        if (schema.Has(20))
        {
            json["enum"] = new JsonArray([.. schema.Messages(20).Select(AnyValue)]);
        }

        if (schema.Has(21))
        {
            var additional = schema.Message(21);
            json["additionalProperties"] = additional.Has(1) ? Decode(additional.Message(1)) : additional.Varint(2) != 0;
        }

        if (schema.Has(22))
        {
            var types = schema.Message(22).Strings(1);
            json["type"] = types.Count == 1 ? types[0] : new JsonArray([.. types.Select(t => (JsonNode)t)]);
        }

        if (schema.Has(23))
        {
            var items = schema.Message(23).Messages(1);
            json["items"] = items.Count == 1 ? Decode(items[0]) : new JsonArray([.. items.Select(Decode)]);
        }

        if (schema.Has(24))
        {
            json["allOf"] = new JsonArray([.. schema.Messages(24).Select(Decode)]);
        }

        if (schema.Has(25))
        {
            json["properties"] = new JsonObject(schema.Message(25).Named(1)
                .Select(p => KeyValuePair.Create(p.Name, (JsonNode?)Decode(p.Value))));
        }

        if (schema.Has(30))
        {
            json["example"] = AnyValue(schema.Message(30));
        }

        foreach (var (name, value) in schema.Named(31))
        {
            json[name] = AnyValue(value);
        }

        return json;
    }

    /// <summary>An <c>openapi.v2.Any</c>'s <c>yaml</c> (field 2), read as JSON: what this encoder writes.</summary>
    public static JsonNode? AnyValue(ProtoMessage any) => JsonNode.Parse(any.String(2));
}
