using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.Patching;

/// <summary>
/// JSON patch (RFC 6902, <c>application/json-patch+json</c>): a list of <c>add</c>, <c>remove</c>, <c>replace</c>,
/// <c>move</c>, <c>copy</c> and <c>test</c> operations applied in order. All-or-nothing: the input is never
/// modified, and any failing operation throws.
/// </summary>
public static class JsonPatch
{
    /// <summary>Applies <paramref name="patch"/> (a JSON array of operations) to a copy of <paramref name="document"/>.</summary>
    /// <exception cref="PatchException">The patch is malformed, an op is unknown, a path is missing, or a <c>test</c> fails.</exception>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new PatchException("json patch must be a JSON array of operations");
        }

        JsonNode? root = document?.DeepClone();
        foreach (JsonNode? item in operations)
        {
            if (item is not JsonObject operation)
            {
                throw new PatchException("json patch operations must be JSON objects");
            }

            root = ApplyOperation(root, operation);
        }

        return root;
    }

    private static JsonNode? ApplyOperation(JsonNode? root, JsonObject operation)
    {
        string op = ReadString(operation, "op") ?? throw new PatchException("operation missing \"op\"");
        string pathText = ReadString(operation, "path") ?? throw new PatchException($"{op} operation missing \"path\"");
        JsonPointer path = JsonPointer.Parse(pathText);
        switch (op)
        {
            case "add":
                return Add(root, path, ReadValue(operation, op), op);
            case "remove":
                Remove(ref root, path, op);
                return root;
            case "replace":
                return Replace(root, path, ReadValue(operation, op));
            case "move":
                {
                    JsonPointer from = ReadFrom(operation, op);
                    if (from.IsAncestorOf(path))
                    {
                        throw new PatchException($"move operation does not apply: \"from\" {from.Text} is an ancestor of \"path\" {path.Text}");
                    }

                    if (!from.TryGet(root, out _))
                    {
                        throw new PatchException($"move operation does not apply: doc is missing from path: {from.Text}: missing value");
                    }

                    JsonNode? value = Remove(ref root, from, op);
                    return Add(root, path, value, op);
                }

            case "copy":
                {
                    JsonPointer from = ReadFrom(operation, op);
                    if (!from.TryGet(root, out JsonNode? value))
                    {
                        throw new PatchException($"copy operation does not apply: doc is missing from path: {from.Text}: missing value");
                    }

                    return Add(root, path, value?.DeepClone(), op);
                }

            case "test":
                {
                    JsonNode? expected = ReadValue(operation, op);
                    if (!path.TryGet(root, out JsonNode? actual))
                    {
                        throw new PatchException($"test operation does not apply: doc is missing path: {path.Text}: missing value");
                    }

                    return JsonNode.DeepEquals(actual, expected)
                        ? root
                        : throw new PatchException($"testing value {path.Text} failed: test failed");
                }

            default:
                throw new PatchException($"Unexpected kind: {op}");
        }
    }

    private static JsonNode? Add(JsonNode? root, JsonPointer path, JsonNode? value, string op)
    {
        if (path.IsRoot)
        {
            return value;
        }

        if (!path.TryGetParent(root, out JsonNode? parent) || parent is not (JsonObject or JsonArray))
        {
            throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path.Text}\": missing value");
        }

        if (parent is JsonObject obj)
        {
            obj[path.Last] = value;
            return root;
        }

        var array = (JsonArray)parent;
        if (path.Last == "-")
        {
            array.Add(value);
        }
        else if (JsonPointer.TryParseIndex(path.Last, out int index) && index <= array.Count)
        {
            array.Insert(index, value);
        }
        else
        {
            throw new PatchException($"{op} operation does not apply: index out of bounds: \"{path.Text}\"");
        }

        return root;
    }

    private static JsonNode? Remove(ref JsonNode? root, JsonPointer path, string op)
    {
        if (path.IsRoot)
        {
            throw new PatchException($"{op} operation does not apply: cannot remove the whole document");
        }

        path.TryGetParent(root, out JsonNode? parent);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(path.Last, out JsonNode? value):
                obj.Remove(path.Last);
                return value;
            case JsonArray array when JsonPointer.TryParseIndex(path.Last, out int index) && index < array.Count:
                JsonNode? element = array[index];
                array.RemoveAt(index);
                return element;
            default:
                throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path.Text}\": missing value");
        }
    }

    private static JsonNode? Replace(JsonNode? root, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        path.TryGetParent(root, out JsonNode? parent);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(path.Last):
                obj[path.Last] = value;
                return root;
            case JsonArray array when JsonPointer.TryParseIndex(path.Last, out int index) && index < array.Count:
                array[index] = value;
                return root;
            default:
                throw new PatchException($"replace operation does not apply: doc is missing key: {path.Text}: missing value");
        }
    }

    private static string? ReadString(JsonObject operation, string name) =>
        operation[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static JsonNode? ReadValue(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out JsonNode? value)
            ? value?.DeepClone()
            : throw new PatchException($"{op} operation missing \"value\"");

    private static JsonPointer ReadFrom(JsonObject operation, string op) =>
        JsonPointer.Parse(ReadString(operation, "from") ?? throw new PatchException($"{op} operation missing \"from\""));
}
