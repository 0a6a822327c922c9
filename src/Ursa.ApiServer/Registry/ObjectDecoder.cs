using System.Text.Json;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Schema;

namespace Ursa.ApiServer.Registry;

/// <summary>A request's object JSON → the typed object, with the type and unknown-field checks of every write.</summary>
public static class ObjectDecoder
{
    private const int MaxDepth = 100;

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

        if (!TryCheckFast(resource, json, mode, warn))
        {
            Check(resource, json, mode, warn);
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

    /// <summary>
    /// The checks below in one reader pass (no <see cref="JsonDocument"/>). False when the body needs the full
    /// path: not valid JSON, not an object, or unknown fields to refuse (Strict), which <see cref="Check"/> then
    /// reports with the same messages as ever.
    /// </summary>
    private static bool TryCheckFast(ResourceDefinition resource, byte[] json, string mode, Action<string> warn)
    {
        var schema = mode == "Ignore" ? null : TypeSchema.For(resource.TypeInfo.Type);
        if (!UnknownFieldScanner.TryScan(json, schema, MaxDepth, out var apiVersion, out var kind, out var unknown))
        {
            return false;
        }

        CheckTypeMeta(resource, apiVersion, kind);
        if (unknown.Count > 0 && mode == "Strict")
        {
            return false;
        }

        foreach (var field in unknown)
        {
            warn(field);
        }

        return true;
    }

    private static void CheckTypeMeta(ResourceDefinition resource, string? apiVersion, string? kind)
    {
        if (apiVersion is not null && apiVersion != resource.GroupVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.GroupVersion})");
        }

        if (kind is not null && kind != resource.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({resource.Kind})");
        }
    }

    /// <summary>The checks on a parsed document: the path for bodies <see cref="TryCheckFast"/> does not take.</summary>
    private static void Check(ResourceDefinition resource, byte[] json, string mode, Action<string> warn)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
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

            CheckTypeMeta(resource, StringProperty(root, "apiVersion"), StringProperty(root, "kind"));

            if (mode != "Ignore")
            {
                var unknown = UnknownFieldFinder.Find(root, TypeSchema.For(resource.TypeInfo.Type));
                if (unknown.Count > 0 && mode == "Strict")
                {
                    var name = root.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object ? StringProperty(meta, "name") : null;
                    var causes = unknown.Select(f => new StatusCause { Reason = "FieldValueUnknown", Field = f, Message = $"unknown field \"{f}\"" }).ToList();
                    throw ApiErrors.Invalid(resource, name ?? string.Empty, causes);
                }

                foreach (var field in unknown)
                {
                    warn(field);
                }
            }
        }
    }

    private static string? StringProperty(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
