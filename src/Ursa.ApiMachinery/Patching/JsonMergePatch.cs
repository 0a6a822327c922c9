using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Patching;

/// <summary>
/// JSON merge patch (RFC 7386, <c>application/merge-patch+json</c>): objects merge recursively, <c>null</c>
/// deletes a member, anything else (lists included) replaces. Used by <c>kubectl label/annotate</c> and for
/// custom resources.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>Returns <paramref name="target"/> with <paramref name="patch"/> applied; neither input is modified.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = new JsonObject();
        JsonObject? targetObject = target as JsonObject;
        if (targetObject is not null)
        {
            foreach ((string key, JsonNode? value) in targetObject)
            {
                if (!patchObject.TryGetPropertyValue(key, out JsonNode? change))
                {
                    result[key] = value?.DeepClone();
                }
                else if (change is not null)
                {
                    result[key] = Apply(value, change);
                }
            }
        }

        foreach ((string key, JsonNode? change) in patchObject)
        {
            if (change is not null && (targetObject is null || !targetObject.ContainsKey(key)))
            {
                result[key] = Apply(null, change);
            }
        }

        return result;
    }
}
