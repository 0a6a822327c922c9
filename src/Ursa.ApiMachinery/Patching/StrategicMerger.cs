using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Patching;

/// <summary>
/// The object half of <see cref="StrategicMergePatch"/>. Pure: builds new nodes, reading inputs only; nodes
/// taken over unchanged from an input are cloned where they are placed (<see cref="Own"/>).
/// </summary>
internal static partial class StrategicMerger
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";

    public static JsonObject MergeObject(JsonObject? original, JsonObject patch, IPatchSchema? schema)
    {
        switch (ReadDirective(patch))
        {
            case "delete":
                return new JsonObject();
            case "replace":
                return Merge(null, patch, schema);
            case null or "merge":
                return Merge(original, patch, schema);
            case { } other:
                throw BadPatchType(other, patch);
        }
    }

    private static JsonObject Merge(JsonObject? original, JsonObject patch, IPatchSchema? schema)
    {
        var result = new OrderedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach ((string key, JsonNode? value) in original ?? [])
        {
            result.Add(key, value);
        }

        ApplyRetainKeys(result, patch);

        var ordered = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string key, JsonNode? value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                string field = ExtractField(key, SetElementOrderPrefix, "invalid patch format of setElementOrder list");
                ordered.Add(field);
                ApplyElementOrder(result, field, value, patch, schema?.Field(field));
            }
        }

        foreach ((string key, JsonNode? value) in patch)
        {
            if (key is PatchDirective or RetainKeysDirective
                || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)
                || ordered.Contains(key))
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                string field = ExtractField(key, DeleteFromPrimitiveListPrefix, "invalid patch format of primitive list");
                if (result.TryGetValue(field, out JsonNode? current) && current is JsonArray list && value is JsonArray remove)
                {
                    result[field] = Array(list.Where(e => !remove.Any(r => JsonNode.DeepEquals(e, r))));
                }

                continue;
            }

            MergeField(result, key, value, schema?.Field(key));
        }

        var merged = new JsonObject();
        foreach ((string key, JsonNode? value) in result)
        {
            merged[key] = Own(value);
        }

        return merged;
    }

    private static void MergeField(OrderedDictionary<string, JsonNode?> result, string key, JsonNode? value, IPatchSchema? fieldSchema)
    {
        if (value is null)
        {
            result.Remove(key);
            return;
        }

        result.TryGetValue(key, out JsonNode? existing);
        switch (existing, value)
        {
            case (JsonObject current, JsonObject change):
                result[key] = HasStrategy(fieldSchema, "replace")
                    ? MergeObject(null, change, fieldSchema)
                    : MergeObject(current, change, fieldSchema);
                break;
            case (JsonArray current, JsonArray change):
                result[key] = MergeListField(current, change, fieldSchema);
                break;
            default:
                if (TryTakePatchValue(value, fieldSchema, out JsonNode? taken))
                {
                    result[key] = taken;
                }
                else
                {
                    result.Remove(key);
                }

                break;
        }
    }

    // A patch value that lands where the live object has nothing (or something of another JSON kind):
    // cleaned of nulls and directives; an object marked "$patch: delete" is dropped.
    private static bool TryTakePatchValue(JsonNode? value, IPatchSchema? schema, out JsonNode? taken)
    {
        switch (value)
        {
            case JsonObject obj when ReadDirective(obj) == "delete":
                taken = null;
                return false;
            case JsonObject obj:
                taken = MergeObject(null, obj, schema);
                return true;
            case JsonArray list:
                taken = CleanList(list, schema?.Items);
                return true;
            default:
                taken = value?.DeepClone();
                return true;
        }
    }

    private static void ApplyRetainKeys(OrderedDictionary<string, JsonNode?> result, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out JsonNode? directive))
        {
            return;
        }

        if (directive is not JsonArray keys)
        {
            throw new PatchException("invalid patch format of retainKeys");
        }

        var retained = new HashSet<string>(
            keys.OfType<JsonValue>().Where(k => k.GetValueKind() == JsonValueKind.String).Select(k => k.GetValue<string>()),
            StringComparer.Ordinal);
        foreach ((string key, JsonNode? value) in patch)
        {
            if (value is null || key is PatchDirective or RetainKeysDirective
                || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!retained.Contains(key))
            {
                throw new PatchException("invalid patch format of retainKeys");
            }
        }

        foreach (string key in result.Keys.Where(k => !retained.Contains(k)).ToList())
        {
            result.Remove(key);
        }
    }

    private static string? ReadDirective(JsonObject obj)
    {
        if (!obj.TryGetPropertyValue(PatchDirective, out JsonNode? directive))
        {
            return null;
        }

        return directive is JsonValue v && v.TryGetValue(out string? s) ? s : throw BadPatchType(directive?.ToJsonString() ?? "null", obj);
    }

    private static string ExtractField(string key, string prefix, string error)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash == prefix.Length ? key[(slash + 1)..] : throw new PatchException(error);
    }

    private static bool HasStrategy(IPatchSchema? schema, string strategy) =>
        schema?.PatchStrategy is { } strategies
        && strategies.Split(',', StringSplitOptions.TrimEntries).Contains(strategy, StringComparer.Ordinal);

    private static JsonNode? Own(JsonNode? node) => node is null || node.Parent is null ? node : node.DeepClone();

    private static JsonArray Array(IEnumerable<JsonNode?> elements)
    {
        var array = new JsonArray();
        foreach (JsonNode? element in elements)
        {
            array.Add(Own(element));
        }

        return array;
    }

    private static PatchException BadPatchType(string directive, JsonObject obj) =>
        new($"unknown patch type: {directive} in map: {obj.ToJsonString()}");

    private static PatchException NoMergeKey(JsonNode? element, string mergeKey) =>
        new($"map: {element?.ToJsonString() ?? "null"} does not contain declared merge key: {mergeKey}");
}
