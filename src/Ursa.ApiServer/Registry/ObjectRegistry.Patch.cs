using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.ApiMachinery.Patching;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Schema;

namespace Ursa.ApiServer.Registry;

public sealed partial class ObjectRegistry
{
    /// <summary>
    /// PATCH: applies <paramref name="patch"/> to the current object and writes the result like
    /// <see cref="UpdateAsync"/> (same rules, retries and preconditions). A patch that changes nothing writes nothing.
    /// </summary>
    /// <remarks>
    /// The patch is applied to the stored JSON itself (parsed once into a <see cref="JsonNode"/>), not to a typed
    /// copy serialized back to JSON; the result is decoded once. Stored bytes are written by the same serializer
    /// from a typed object, so they hold what re-encoding the typed copy would produce. Per status patch of a pod
    /// (the kubelet's and hollow nodes' Running report) this halves the server's CPU in the patch itself; see
    /// docs/benchmarks.md, "Scheduler".
    /// </remarks>
    public Task<WriteResult> PatchAsync(
        ResourceDefinition resource, string? tenant, string? ns, string name, string? subresource,
        ObjectPatch patch, bool dryRun, CancellationToken cancellationToken)
    {
        var schema = TypePatchSchema.For(resource.TypeInfo.Type);
        return UpdateCoreAsync(resource, tenant, ns, name, subresource, (_, json, revision) => Apply(resource, schema, json.Span, revision, patch), skipNoOp: true, dryRun, cancellationToken);
    }

    /// <summary>The current object's JSON (resourceVersion = <paramref name="revision"/>) patched and decoded.</summary>
    public static KubeObject Apply(ResourceDefinition resource, IPatchSchema schema, ReadOnlySpan<byte> json, long revision, ObjectPatch patch)
    {
        var original = JsonNode.Parse(json)!.AsObject();
        // Patches see the object as served (a JSON patch may test it); the watch cache's copy has it already.
        if (original["metadata"] is JsonObject meta)
        {
            meta["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
        }

        JsonNode? patched;
        try
        {
            patched = patch.MediaType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(original, patch.Patch),
                "application/merge-patch+json" => JsonMergePatch.Apply(original, patch.Patch),
                _ => StrategicMergePatch.Apply(original, patch.Patch, schema),
            };
        }
        catch (PatchException e)
        {
            throw new ApiException((System.Net.HttpStatusCode)422, "Invalid", $"the patch could not be applied: {e.Message}");
        }

        if (patched is not JsonObject patchedObject)
        {
            throw ApiErrors.BadRequest("the patched object is not a JSON object");
        }

        // A patch that does not name a resourceVersion applies to whatever is current.
        if (patch.Patch is not JsonObject { } p || p["metadata"]?["resourceVersion"] is null)
        {
            patchedObject["metadata"]?.AsObject().Remove("resourceVersion");
        }

        return ObjectDecoder.Decode(resource, JsonSerializer.SerializeToUtf8Bytes(patchedObject), patch.FieldValidation, patch.Warn);
    }
}
