using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.OpenApi;

internal static partial class GnosticMessages
{
    /// <summary><c>message ParameterDefinitions { repeated NamedParameter additional_properties = 1; }</c>.</summary>
    public static GnosticMessage ParameterDefinitions => field ??= new() { Entries = 1, EntryValue = Parameter };

    public static GnosticMessage BodyParameter => field ??= new(
        new("description", 1, Encoders.String),
        new("name", 2, Encoders.String),
        new("in", 3, Encoders.String),
        new("required", 4, Encoders.Bool),
        new("schema", 5, Encoders.Message(() => Schema)))
    {
        VendorExtensions = 6,
    };

    /// <summary><c>HeaderParameterSubSchema</c> and <c>PathParameterSubSchema</c>: the primitive fields from 5.</summary>
    public static GnosticMessage HeaderOrPathParameter => field ??= new([.. ParameterHead(), .. PrimitiveFields(5)])
    {
        VendorExtensions = 22,
    };

    /// <summary>
    /// <c>QueryParameterSubSchema</c> and <c>FormDataParameterSubSchema</c>: <c>allow_empty_value</c> at 5 moves
    /// the primitive fields up by one. kubectl finds <c>fieldValidation</c> support here, by name.
    /// </summary>
    public static GnosticMessage QueryOrFormDataParameter => field ??= new(
        [.. ParameterHead(), new("allowEmptyValue", 5, Encoders.Bool), .. PrimitiveFields(6)])
    {
        VendorExtensions = 23,
    };

    private static GnosticField[] ParameterHead() =>
    [
        new("required", 1, Encoders.Bool),
        new("in", 2, Encoders.String),
        new("description", 3, Encoders.String),
        new("name", 4, Encoders.String),
    ];

    /// <summary><c>message ParametersItem { oneof { Parameter parameter = 1; JsonReference json_reference = 2; } }</c>.</summary>
    private static void ParametersItem(ProtoWriter writer, int number, JsonNode? value)
    {
        if (value is JsonObject json)
        {
            writer.Message(number, oneof =>
            {
                if (json.ContainsKey("$ref"))
                {
                    oneof.Message(2, reference => JsonReference.Write(reference, json));
                }
                else
                {
                    Parameter(oneof, 1, json);
                }
            });
        }
    }

    /// <summary>
    /// <c>message Parameter { oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2; } }</c>,
    /// and inside <c>NonBodyParameter</c> the oneof by <c>in</c>: header = 1, formData = 2, query = 3, path = 4.
    /// </summary>
    private static void Parameter(ProtoWriter writer, int number, JsonNode? value)
    {
        if (value is not JsonObject json)
        {
            return;
        }

        var location = json["in"] is JsonValue @in && @in.TryGetValue<string>(out var text) ? text : string.Empty;
        var (subSchema, message) = location switch
        {
            "body" => (0, BodyParameter),
            "header" => (1, HeaderOrPathParameter),
            "formData" => (2, QueryOrFormDataParameter),
            "query" => (3, QueryOrFormDataParameter),
            "path" => (4, HeaderOrPathParameter),
            _ => (-1, BodyParameter),
        };
        if (subSchema < 0)
        {
            return; // Not a valid parameter location: gnostic would reject the document; skip just this one.
        }

        writer.Message(number, parameter =>
        {
            if (subSchema == 0)
            {
                parameter.Message(1, body => message.Write(body, json));
            }
            else
            {
                parameter.Message(2, nonBody => nonBody.Message(subSchema, sub => message.Write(sub, json)));
            }
        });
    }
}
