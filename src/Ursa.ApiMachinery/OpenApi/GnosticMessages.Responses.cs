using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.OpenApi;

internal static partial class GnosticMessages
{
    /// <summary><c>message Responses { repeated NamedResponseValue response_code = 1; vendor_extension = 2; }</c>.</summary>
    public static GnosticMessage Responses => field ??= new() { Entries = 1, EntryValue = ResponseValue, VendorExtensions = 2 };

    /// <summary><c>message ResponseDefinitions { repeated NamedResponse additional_properties = 1; }</c>.</summary>
    public static GnosticMessage ResponseDefinitions => field ??= new() { Entries = 1, EntryValue = Encoders.Message(() => Response) };

    public static GnosticMessage Response => field ??= new(
        new("description", 1, Encoders.String),
        new("schema", 2, SchemaItem),
        new("headers", 3, Encoders.Message(() => Headers)),
        new("examples", 4, Encoders.Message(() => Examples)))
    {
        VendorExtensions = 5,
    };

    /// <summary><c>message Headers { repeated NamedHeader additional_properties = 1; }</c>.</summary>
    public static GnosticMessage Headers => field ??= new() { Entries = 1, EntryValue = Encoders.Message(() => Header) };

    /// <summary><c>message Examples { repeated NamedAny additional_properties = 1; }</c>, keyed by media type.</summary>
    public static GnosticMessage Examples => field ??= new() { Entries = 1, EntryValue = Encoders.Any };

    /// <summary><c>message Header</c>: the primitive fields at 1-17, then description and vendor extensions.</summary>
    public static GnosticMessage Header => field ??= new([.. PrimitiveFields(1), new("description", 18, Encoders.String)])
    {
        VendorExtensions = 19,
    };

    /// <summary><c>message PrimitivesItems</c>: the items of an array-typed non-body parameter or header.</summary>
    public static GnosticMessage PrimitivesItems => field ??= new(PrimitiveFields(1)) { VendorExtensions = 18 };

    /// <summary>
    /// The 17 fields (type ... multiple_of) that <c>Header</c>, <c>PrimitivesItems</c> and the four non-body
    /// parameter messages share, numbered consecutively from <paramref name="first"/>.
    /// </summary>
    private static GnosticField[] PrimitiveFields(int first) =>
    [
        new("type", first, Encoders.String),
        new("format", first + 1, Encoders.String),
        new("items", first + 2, Encoders.Message(() => PrimitivesItems)),
        new("collectionFormat", first + 3, Encoders.String),
        new("default", first + 4, Encoders.Any),
        new("maximum", first + 5, Encoders.Double),
        new("exclusiveMaximum", first + 6, Encoders.Bool),
        new("minimum", first + 7, Encoders.Double),
        new("exclusiveMinimum", first + 8, Encoders.Bool),
        new("maxLength", first + 9, Encoders.Int64),
        new("minLength", first + 10, Encoders.Int64),
        new("pattern", first + 11, Encoders.String),
        new("maxItems", first + 12, Encoders.Int64),
        new("minItems", first + 13, Encoders.Int64),
        new("uniqueItems", first + 14, Encoders.Bool),
        new("enum", first + 15, Encoders.Anys),
        new("multipleOf", first + 16, Encoders.Double),
    ];

    /// <summary><c>message ResponseValue { oneof { Response response = 1; JsonReference json_reference = 2; } }</c>.</summary>
    private static void ResponseValue(ProtoWriter writer, int number, JsonNode? value)
    {
        if (value is JsonObject json)
        {
            writer.Message(number, oneof => WriteReferenceOr(oneof, json, Response, 1));
        }
    }

    /// <summary><c>message SchemaItem { oneof { Schema schema = 1; FileSchema file_schema = 2; } }</c>.</summary>
    private static void SchemaItem(ProtoWriter writer, int number, JsonNode? value)
    {
        if (value is JsonObject json)
        {
            var isFile = json["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "file";
            writer.Message(number, oneof => oneof.Message(isFile ? 2 : 1, body => (isFile ? FileSchema : Schema).Write(body, json)));
        }
    }

    /// <summary>An object with <c>$ref</c> is the oneof's <c>JsonReference</c> (field 2); otherwise <paramref name="message"/>.</summary>
    private static void WriteReferenceOr(ProtoWriter oneof, JsonObject json, GnosticMessage message, int number)
    {
        var isReference = json.ContainsKey("$ref");
        oneof.Message(isReference ? 2 : number, body => (isReference ? JsonReference : message).Write(body, json));
    }
}
