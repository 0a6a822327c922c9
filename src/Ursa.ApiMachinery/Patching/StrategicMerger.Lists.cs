using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Patching;

/// <summary>The list half of <see cref="StrategicMergePatch"/>: merge by key, primitive sets, list directives.</summary>
internal static partial class StrategicMerger
{
    private static JsonArray MergeListField(JsonArray original, JsonArray patch, IPatchSchema? fieldSchema) =>
        HasStrategy(fieldSchema, "merge")
            ? MergeList(original, patch, fieldSchema!.PatchMergeKey, fieldSchema.Items)
            : CleanList(patch, fieldSchema?.Items);

    private static JsonArray MergeList(JsonArray original, JsonArray patch, string? mergeKey, IPatchSchema? items)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return [];
        }

        if (!ElementsAreObjects(original, patch))
        {
            var set = new List<JsonNode?>();
            foreach (JsonNode? element in original.Concat(patch))
            {
                if (!set.Any(e => JsonNode.DeepEquals(e, element)))
                {
                    set.Add(element);
                }
            }

            return Array(Order(set, [.. patch], [.. original], null));
        }

        if (string.IsNullOrEmpty(mergeKey))
        {
            throw new PatchException("cannot merge lists without merge key for type map");
        }

        var working = new List<JsonNode?>(original);
        var changes = new List<JsonNode?>();
        bool replace = false;
        foreach (JsonObject element in patch.Cast<JsonObject>())
        {
            switch (ReadDirective(element))
            {
                case null or "merge":
                    changes.Add(element);
                    break;
                case "delete":
                    if (!element.TryGetPropertyValue(mergeKey, out JsonNode? deleted))
                    {
                        throw NoMergeKey(element, mergeKey);
                    }

                    working.RemoveAll(e => KeyEquals(e, mergeKey, deleted));
                    break;
                case "replace":
                    replace = true;
                    break;
                case { } other:
                    throw BadPatchType(other, element);
            }
        }

        if (replace)
        {
            return CleanList(new JsonArray([.. changes.Select(c => c?.DeepClone())]), items);
        }

        List<JsonNode?> serverOrder = [.. working];
        foreach (JsonObject change in changes.Cast<JsonObject>())
        {
            if (!change.TryGetPropertyValue(mergeKey, out JsonNode? key))
            {
                throw NoMergeKey(change, mergeKey);
            }

            int index = working.FindIndex(e => KeyEquals(e, mergeKey, key));
            if (index >= 0)
            {
                working[index] = MergeObject((JsonObject)working[index]!, change, items);
            }
            else
            {
                working.Add(MergeObject(null, change, items));
            }
        }

        return Array(Order(working, changes, serverOrder, mergeKey));
    }

    // A list taken from the patch as a whole: elements carrying "$patch" are dropped, objects are cleaned.
    private static JsonArray CleanList(JsonArray list, IPatchSchema? items)
    {
        var clean = new JsonArray();
        foreach (JsonNode? element in list)
        {
            switch (element)
            {
                case JsonObject obj when obj.ContainsKey(PatchDirective):
                    break;
                case JsonObject obj:
                    clean.Add(MergeObject(null, obj, items));
                    break;
                case JsonArray inner:
                    clean.Add(CleanList(inner, null));
                    break;
                default:
                    clean.Add(element?.DeepClone());
                    break;
            }
        }

        return clean;
    }

    private static bool ElementsAreObjects(JsonArray original, JsonArray patch)
    {
        bool objects = false;
        bool scalars = false;
        foreach (JsonNode? element in original.Concat(patch))
        {
            switch (element)
            {
                case JsonArray:
                    throw new PatchException("lists of lists are not supported");
                case JsonObject:
                    objects = true;
                    break;
                default:
                    scalars = true;
                    break;
            }
        }

        return objects && scalars
            ? throw new PatchException($"list element types are not identical: {original.ToJsonString()} {patch.ToJsonString()}")
            : objects;
    }

    private static bool KeyEquals(JsonNode? element, string mergeKey, JsonNode? key) =>
        element is JsonObject obj && obj.TryGetPropertyValue(mergeKey, out JsonNode? value) && JsonNode.DeepEquals(value, key);
}
