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
    /// Checks type and (per <c>fieldValidation</c>) unknown fields in one reader pass, then decodes. Strict: unknown
    /// fields are a 422 naming each; Warn (the default): <paramref name="warn"/> is called once per unknown field;
    /// Ignore: dropped silently.
    /// </summary>
    public static KubeObject Decode(ResourceDefinition resource, byte[] json, string? fieldValidation, Action<string> warn)
    {
        var mode = fieldValidation ?? "Warn";
        if (mode is not ("Strict" or "Warn" or "Ignore"))
        {
            throw ApiErrors.BadRequest($"fieldValidation must be one of Strict, Warn, Ignore (got \"{mode}\")");
        }

        var schema = mode == "Ignore" ? null : TypeSchema.For(resource.TypeInfo.Type);
        if (!UnknownFieldScanner.TryScan(json, schema, MaxDepth, out var apiVersion, out var kind, out var unknown))
        {
            throw NotOneObject(json);
        }

        CheckTypeMeta(resource, apiVersion, kind);
        if (unknown.Count > 0 && mode == "Strict")
        {
            var causes = unknown.Select(f => new StatusCause { Reason = "FieldValueUnknown", Field = f, Message = $"unknown field \"{f}\"" }).ToList();
            throw ApiErrors.Invalid(resource, MetadataName(json) ?? string.Empty, causes);
        }

        foreach (var field in unknown)
        {
            warn(field);
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

    /// <summary>The 400 for a body the scanner did not take: the parser's own message when it is not valid JSON.</summary>
    private static ApiException NotOneObject(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            return ApiErrors.BadRequest($"the request body is not valid JSON: {e.Message}");
        }

        return ApiErrors.BadRequest("the request body must be a JSON object");
    }

    /// <summary><c>metadata.name</c> of a valid object body, for a refusal's details (a rare path: parsed again).</summary>
    private static string? MetadataName(byte[] json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        return document.RootElement.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
    }
}
