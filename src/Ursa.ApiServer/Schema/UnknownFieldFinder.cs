using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.ApiServer.Schema;

/// <summary>Lists fields of a JSON body that its schema does not declare (for <c>fieldValidation=Strict</c>).</summary>
public static class UnknownFieldFinder
{
    public static List<string> Find(JsonNode? node, TypeSchema schema)
    {
        var unknown = new List<string>();
        Walk(node, schema, string.Empty, unknown);
        return unknown;
    }

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

    private static void Walk(JsonNode? node, TypeSchema schema, string path, List<string> unknown)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Object when node is JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (schema.Fields.TryGetValue(name, out var field))
                    {
                        Walk(value, field.Schema, at, unknown);
                    }
                    else
                    {
                        unknown.Add(at);
                    }
                }

                break;
            case SchemaKind.Array when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], schema.Element!, $"{path}[{i}]", unknown);
                }

                break;
            case SchemaKind.Map when node is JsonObject map:
                foreach (var (name, value) in map)
                {
                    Walk(value, schema.Element!, $"{path}.{name}", unknown);
                }

                break;
        }
    }
}
