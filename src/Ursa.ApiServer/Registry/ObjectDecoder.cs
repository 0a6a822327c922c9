using System.Text.Json;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Schema;

namespace Ursa.ApiServer.Registry;

/// <summary>A request's object JSON → the typed object, with the type and unknown-field checks of every write.</summary>
public static class ObjectDecoder
{
    /// <summary>
    /// Checks type and (per <c>fieldValidation</c>) unknown fields, then decodes. Strict: unknown fields are a
    /// 422 naming each; Warn (the default): <paramref name="warn"/> is called once per unknown field; Ignore:
    /// dropped silently.
    /// </summary>
    public static KubeObject Decode(ResourceDefinition resource, byte[] json, string? fieldValidation, Action<string> warn)
    {
        var mode = fieldValidation ?? "Warn";
        if (mode is not ("Strict" or "Warn" or "Ignore"))
        {
            throw ApiErrors.BadRequest($"fieldValidation must be one of Strict, Warn, Ignore (got \"{mode}\")");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 100 });
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"the request body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrors.BadRequest("the request body must be a JSON object");
            }

            if (root.TryGetProperty("apiVersion", out var apiVersion) && apiVersion.ValueKind == JsonValueKind.String && apiVersion.GetString() != resource.GroupVersion)
            {
                throw ApiErrors.BadRequest($"the API version in the data ({apiVersion.GetString()}) does not match the expected API version ({resource.GroupVersion})");
            }

            if (root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() != resource.Kind)
            {
                throw ApiErrors.BadRequest($"the kind in the data ({kind.GetString()}) does not match the expected kind ({resource.Kind})");
            }

            if (mode != "Ignore")
            {
                var unknown = UnknownFieldFinder.Find(root, TypeSchema.For(resource.TypeInfo.Type));
                if (unknown.Count > 0 && mode == "Strict")
                {
                    var name = root.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    var causes = unknown.Select(f => new StatusCause { Reason = "FieldValueUnknown", Field = f, Message = $"unknown field \"{f}\"" }).ToList();
                    throw ApiErrors.Invalid(resource, name ?? string.Empty, causes);
                }

                foreach (var field in unknown)
                {
                    warn(field);
                }
            }
        }

        try
        {
            var obj = (KubeObject?)JsonSerializer.Deserialize(json, resource.TypeInfo) ?? throw ApiErrors.BadRequest("the object is null");
            obj.Metadata ??= new ObjectMeta();
            return obj;
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"{resource.Kind} in version \"{resource.Version}\" cannot be handled as a {resource.Kind}: {e.Message}");
        }
    }
}
