using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Patching;

/// <summary>
/// List order for <see cref="StrategicMergePatch"/>, following the upstream rules ("preserve order in strategic
/// merge patch"): $setElementOrder &gt; order in the patch &gt; order in the live list.
/// </summary>
internal static partial class StrategicMerger
{
    private static void ApplyElementOrder(
        OrderedDictionary<string, JsonNode?> result, string field, JsonNode? orderNode, JsonObject patch, IPatchSchema? fieldSchema)
    {
        if (orderNode is not JsonArray order)
        {
            throw new PatchException("invalid patch format of setElementOrder list");
        }

        result.TryGetValue(field, out JsonNode? originalNode);
        patch.TryGetPropertyValue(field, out JsonNode? patchNode);
        if (patch.ContainsKey(field) && patchNode is null)
        {
            result.Remove(field);
            return;
        }

        if ((originalNode is not null and not JsonArray) || (patchNode is not null and not JsonArray))
        {
            throw new PatchException($"invalid patch format of setElementOrder list: {field} is not a list");
        }

        var originalList = originalNode as JsonArray;
        var patchList = patchNode as JsonArray;
        if (originalList is null && patchList is null)
        {
            return;
        }

        string? mergeKey = fieldSchema?.PatchMergeKey;
        bool byKey = !string.IsNullOrEmpty(mergeKey) && ElementsAreObjects(originalList ?? [], patchList ?? []);
        string? key = byKey ? mergeKey : null;
        if (key is not null)
        {
            foreach (JsonNode? entry in order)
            {
                if (entry is not JsonObject entryObject || !entryObject.ContainsKey(key))
                {
                    throw NoMergeKey(entry, key);
                }
            }
        }

        ValidateElementOrder(patchList, order, key);
        JsonArray merged = (originalList, patchList) switch
        {
            ({ } o, { } p) => MergeListField(o, p, fieldSchema),
            ({ } o, null) => o,
            _ => CleanList(patchList!, fieldSchema?.Items),
        };
        result[field] = Array(Order([.. merged], [.. order], [.. originalList ?? []], key));
    }

    // The patch list's elements must appear in $setElementOrder in the same relative order.
    private static void ValidateElementOrder(JsonArray? patchList, JsonArray order, string? mergeKey)
    {
        if (patchList is null || patchList.Count == 0 || order.Count == 0)
        {
            return;
        }

        List<JsonNode?> changes = [.. patchList.Where(e => e is not JsonObject o || ReadDirective(o) is null or "merge")];
        int p = 0;
        for (int o = 0; p < changes.Count && o < order.Count; o++)
        {
            if (IndexOf([order[o]], changes[p], mergeKey) == 0)
            {
                p++;
            }
        }

        if (p < changes.Count)
        {
            throw new PatchException(
                $"The order in patch list:\n{patchList.ToJsonString()}\n doesn't match $setElementOrder list:\n{order.ToJsonString()}\n");
        }
    }

    /// <summary>
    /// Orders <paramref name="merged"/>: elements named in <paramref name="patchOrder"/> take that relative order,
    /// the others keep their live order, and the two runs interleave by position in <paramref name="serverOrder"/>.
    /// </summary>
    private static List<JsonNode?> Order(List<JsonNode?> merged, List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string? mergeKey)
    {
        var fromPatch = new List<(JsonNode? Node, int Rank)>();
        var serverOnly = new List<(JsonNode? Node, int Rank)>();
        foreach (JsonNode? element in merged)
        {
            if (mergeKey is not null && (element is not JsonObject obj || !obj.ContainsKey(mergeKey)))
            {
                throw NoMergeKey(element, mergeKey);
            }

            int inPatch = IndexOf(patchOrder, element, mergeKey);
            if (inPatch >= 0)
            {
                fromPatch.Add((element, inPatch));
            }
            else
            {
                int inServer = IndexOf(serverOrder, element, mergeKey);
                serverOnly.Add((element, inServer >= 0 ? inServer : int.MaxValue));
            }
        }

        List<JsonNode?> left = [.. serverOnly.OrderBy(e => e.Rank).Select(e => e.Node)];
        List<JsonNode?> right = [.. fromPatch.OrderBy(e => e.Rank).Select(e => e.Node)];

        // Take a server-only element first only when both are in the live list and it came first there.
        var result = new List<JsonNode?>(merged.Count);
        int i = 0;
        int j = 0;
        while (i < left.Count && j < right.Count)
        {
            int li = IndexOf(serverOrder, left[i], mergeKey);
            int ri = IndexOf(serverOrder, right[j], mergeKey);
            result.Add(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
        }

        result.AddRange(left.Skip(i));
        result.AddRange(right.Skip(j));
        return result;
    }

    private static int IndexOf(List<JsonNode?> list, JsonNode? element, string? mergeKey)
    {
        if (mergeKey is null)
        {
            return list.FindIndex(e => JsonNode.DeepEquals(e, element));
        }

        if (element is not JsonObject obj || !obj.TryGetPropertyValue(mergeKey, out JsonNode? key))
        {
            return -1;
        }

        return list.FindIndex(e => KeyEquals(e, mergeKey, key));
    }
}
