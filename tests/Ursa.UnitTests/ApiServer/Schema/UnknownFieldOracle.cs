using System.Text.Json;
using Ursa.ApiServer.Schema;

namespace Ursa.UnitTests.ApiServer.Schema;

/// <summary>
/// The plain reference the scanner is checked against: a recursive walk of a parsed <see cref="JsonDocument"/>
/// listing the paths of fields the schema does not declare, in document order.
/// </summary>
internal static class UnknownFieldOracle
{
    public static List<string> Find(JsonElement element, TypeSchema schema)
    {
        var unknown = new List<string>();
        Walk(element, schema, string.Empty, unknown);
        return unknown;
    }

    private static void Walk(JsonElement element, TypeSchema schema, string path, List<string> unknown)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (schema.Fields.TryGetValue(property.Name, out var field))
                    {
                        Walk(property.Value, field.Schema, at, unknown);
                    }
                    else
                    {
                        unknown.Add(at);
                    }
                }

                break;
            case SchemaKind.Array when element.ValueKind == JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, schema.Element!, $"{path}[{i++}]", unknown);
                }

                break;
            case SchemaKind.Map when element.ValueKind == JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, schema.Element!, $"{path}.{property.Name}", unknown);
                }

                break;
        }
    }
}
