using System.Text.Json.Nodes;
using Ursa.ApiServer.Schema;

namespace Ursa.ApiServer.OpenApi;

/// <summary>
/// Writes OpenAPI schemas for API types, naming them as Kubernetes does: into components.schemas for v3
/// (references wrapped in allOf so they can carry a description) or into Swagger 2.0 definitions for v2.
/// </summary>
public sealed class SchemaWriter(XmlDocs docs, bool swagger2 = false)
{
    private readonly string _refPrefix = swagger2 ? "#/definitions/" : "#/components/schemas/";

    public JsonObject Schemas { get; } = [];

    /// <summary>A reference to the schema of an object type, writing it (and what it uses) on first use.</summary>
    public JsonObject Reference(Type type)
    {
        var name = NameOf(type);
        if (!Schemas.ContainsKey(name))
        {
            Schemas[name] = null;
            Schemas[name] = Describe(TypeSchema.For(type), type);
        }

        return new JsonObject { ["$ref"] = _refPrefix + name };
    }

    public void MarkKind(Type type, string group, string version, string kind) =>
        Schemas[NameOf(type)]!["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind });

    /// <summary><c>io.k8s.api.core.v1.Pod</c>, <c>io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta</c>, ...</summary>
    public static string NameOf(Type type)
    {
        var area = type.Namespace?.Split('.').Last().ToLowerInvariant() ?? "core";
        return area == "meta" ? $"io.k8s.apimachinery.pkg.apis.meta.v1.{type.Name}" : $"io.k8s.api.{area}.v1.{type.Name}";
    }

    private JsonObject Describe(TypeSchema schema, Type type)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var field in schema.Fields.Values)
        {
            var property = Property(field.Schema);
            if (docs.Of(field.Property) is { } description)
            {
                property["description"] = description;
            }

            if (field.PatchMergeKey is { } key)
            {
                property["x-kubernetes-patch-merge-key"] = key;
            }

            if (field.PatchStrategy is { } strategy)
            {
                property["x-kubernetes-patch-strategy"] = strategy;
            }

            properties[field.Name] = property;
            if (field.Required)
            {
                required.Add(field.Name);
            }
        }

        var result = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (docs.Of(type) is { } typeDescription)
        {
            result["description"] = typeDescription;
        }

        if (required.Count > 0)
        {
            result["required"] = required;
        }

        return result;
    }

    private JsonObject Property(TypeSchema schema) => schema.Kind switch
    {
        SchemaKind.String when (Nullable.GetUnderlyingType(schema.ClrType) ?? schema.ClrType) == typeof(DateTimeOffset) =>
            new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        SchemaKind.String => new JsonObject { ["type"] = "string" },
        SchemaKind.Integer => new JsonObject
        {
            ["type"] = "integer",
            ["format"] = (Nullable.GetUnderlyingType(schema.ClrType) ?? schema.ClrType) == typeof(long) ? "int64" : "int32",
        },
        SchemaKind.Boolean => new JsonObject { ["type"] = "boolean" },
        SchemaKind.IntOrString when swagger2 => new JsonObject { ["type"] = "string", ["format"] = "int-or-string", ["x-kubernetes-int-or-string"] = true },
        SchemaKind.IntOrString => new JsonObject { ["x-kubernetes-int-or-string"] = true },
        SchemaKind.Any => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        SchemaKind.Map => new JsonObject { ["type"] = "object", ["additionalProperties"] = Property(schema.Element!) },
        SchemaKind.Array => new JsonObject { ["type"] = "array", ["items"] = Property(schema.Element!) },
        _ when swagger2 => Reference(Nullable.GetUnderlyingType(schema.ClrType) ?? schema.ClrType),
        _ => new JsonObject { ["allOf"] = new JsonArray(Reference(Nullable.GetUnderlyingType(schema.ClrType) ?? schema.ClrType)) },
    };
}
