using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) with the semantics of
/// <c>k8s.io/apimachinery/pkg/util/strategicpatch</c> (server side, <c>StrategicMergeMapPatch</c>), driven by an
/// <see cref="IPatchSchema"/> that says which lists merge and by which key.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Objects merge recursively; <c>null</c> deletes a key; fields whose strategy is <c>replace</c> are replaced.</item>
/// <item>Lists with strategy <c>merge</c>: objects merge element-wise by merge key, primitives form an ordered set;
/// other lists (and lists of unknown fields) are replaced.</item>
/// <item>Directives: <c>$patch: replace|delete|merge</c> on an object; <c>{$patch: delete, key: v}</c> and
/// <c>{$patch: replace}</c> as list elements; <c>$retainKeys</c>; <c>$setElementOrder/&lt;field&gt;</c>;
/// <c>$deleteFromPrimitiveList/&lt;field&gt;</c>. Directives never appear in the result.</item>
/// <item>Order of a merged list, as upstream: <c>$setElementOrder</c> wins; otherwise patch elements keep the
/// patch's relative order and are interleaved with server-only elements by their positions in the live list;
/// a new element goes right after the patch element before it, or first when it leads the patch (so a patch
/// of just one new element prepends it, exactly like Kubernetes).</item>
/// </list>
/// Deliberate, more forgiving differences from upstream, none of which kubectl's patches rely on:
/// <c>$patch: merge</c> is accepted as a no-op (upstream rejects it); values copied from the patch into a place
/// the live object lacks are cleaned recursively (nulls and directives removed, nested <c>$patch: replace</c>
/// honoured) instead of being copied raw.
/// </remarks>
public static class StrategicMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="original"/> (both JSON objects; <c>null</c> counts as
    /// <c>{}</c>) and returns a new object. Neither input is modified.
    /// </summary>
    /// <param name="original">The live object.</param>
    /// <param name="patch">The patch document.</param>
    /// <param name="schema">The schema of the object's type; <c>null</c> treats it all as plain JSON.</param>
    /// <exception cref="PatchException">The patch is malformed or uses a directive wrongly.</exception>
    public static JsonObject Apply(JsonNode? original, JsonNode? patch, IPatchSchema? schema)
    {
        JsonObject originalObject = original switch
        {
            null => new JsonObject(),
            JsonObject obj => obj,
            _ => throw new PatchException("invalid JSON document"),
        };
        JsonObject patchObject = patch switch
        {
            null => new JsonObject(),
            JsonObject obj => obj,
            _ => throw new PatchException("invalid JSON document"),
        };
        return StrategicMerger.MergeObject(originalObject, patchObject, schema);
    }
}
