using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.OpenApi;

internal static partial class GnosticMessages
{
    /// <summary><c>message Schema</c>: a definition, a property, an array's items, a map's values.</summary>
    public static GnosticMessage Schema => field ??= new(
        new("$ref", 1, Encoders.String),
        new("format", 2, Encoders.String),
        new("title", 3, Encoders.String),
        new("description", 4, Encoders.String),
        new("default", 5, Encoders.Any),
        new("multipleOf", 6, Encoders.Double),
        new("maximum", 7, Encoders.Double),
        new("exclusiveMaximum", 8, Encoders.Bool),
        new("minimum", 9, Encoders.Double),
        new("exclusiveMinimum", 10, Encoders.Bool),
        new("maxLength", 11, Encoders.Int64),
        new("minLength", 12, Encoders.Int64),
        new("pattern", 13, Encoders.String),
        new("maxItems", 14, Encoders.Int64),
        new("minItems", 15, Encoders.Int64),
        new("uniqueItems", 16, Encoders.Bool),
        new("maxProperties", 17, Encoders.Int64),
        new("minProperties", 18, Encoders.Int64),
        new("required", 19, Encoders.Strings),
        new("enum", 20, Encoders.Anys),
        new("additionalProperties", 21, AdditionalPropertiesItem),
        new("type", 22, Encoders.StringArray),
        new("items", 23, ItemsItem),
        new("allOf", 24, Encoders.Repeated(Encoders.Message(() => Schema))),
        new("properties", 25, Encoders.Message(() => Properties)),
        new("discriminator", 26, Encoders.String),
        new("readOnly", 27, Encoders.Bool),
        new("xml", 28, Encoders.Message(() => Xml)),
        new("externalDocs", 29, Encoders.Message(() => ExternalDocs)),
        new("example", 30, Encoders.Any))
    {
        VendorExtensions = 31,
    };

    /// <summary><c>message Properties { repeated NamedSchema additional_properties = 1; }</c>.</summary>
    public static GnosticMessage Properties => field ??= new() { Entries = 1, EntryValue = Encoders.Message(() => Schema) };

    /// <summary><c>message Definitions { repeated NamedSchema additional_properties = 1; }</c>.</summary>
    public static GnosticMessage Definitions => field ??= new() { Entries = 1, EntryValue = Encoders.Message(() => Schema) };

    /// <summary><c>message FileSchema</c>: a response schema of <c>type: file</c>.</summary>
    public static GnosticMessage FileSchema => field ??= new(
        new("format", 1, Encoders.String),
        new("title", 2, Encoders.String),
        new("description", 3, Encoders.String),
        new("default", 4, Encoders.Any),
        new("required", 5, Encoders.Strings),
        new("type", 6, Encoders.String),
        new("readOnly", 7, Encoders.Bool),
        new("externalDocs", 8, Encoders.Message(() => ExternalDocs)),
        new("example", 9, Encoders.Any))
    {
        VendorExtensions = 10,
    };

    public static GnosticMessage Xml => field ??= new(
        new("name", 1, Encoders.String),
        new("namespace", 2, Encoders.String),
        new("prefix", 3, Encoders.String),
        new("attribute", 4, Encoders.Bool),
        new("wrapped", 5, Encoders.Bool))
    {
        VendorExtensions = 6,
    };

    public static GnosticMessage ExternalDocs => field ??= new(
        new("description", 1, Encoders.String),
        new("url", 2, Encoders.String))
    {
        VendorExtensions = 3,
    };

    /// <summary><c>message ItemsItem { repeated Schema schema = 1; }</c>: one schema, or a tuple of them.</summary>
    private static void ItemsItem(ProtoWriter writer, int number, JsonNode? value)
    {
        if (value is not (JsonObject or JsonArray))
        {
            return;
        }

        var schema = Encoders.Message(() => Schema);
        writer.Message(number, items =>
        {
            if (value is JsonArray tuple)
            {
                Encoders.Repeated(schema)(items, 1, tuple);
            }
            else
            {
                schema(items, 1, value);
            }
        });
    }

    /// <summary><c>message AdditionalPropertiesItem { oneof { Schema schema = 1; bool boolean = 2; } }</c>.</summary>
    private static void AdditionalPropertiesItem(ProtoWriter writer, int number, JsonNode? value)
    {
        switch (value?.GetValueKind())
        {
            case JsonValueKind.Object:
                writer.Message(number, item => Encoders.Message(() => Schema)(item, 1, value));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                // A oneof member has presence: false is written, unlike a plain proto3 bool.
                writer.Message(number, item => item.OneofBool(2, value.GetValueKind() == JsonValueKind.True));
                break;
        }
    }
}
