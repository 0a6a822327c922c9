using System.Collections.Concurrent;
using System.Text.Json;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Storage;

namespace Ursa.ApiServer.Caching;

/// <summary>Extracts labels and selectable field values from stored JSON (pure apart from string interning).</summary>
public sealed class ObjectAttributes(ResourceDefinition resource)
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly string[][] _fieldPaths = resource.SelectableFields.Select(f => f.Split('.')).ToArray();

    public CachedObject ToCached(string key, byte[] json, long revision)
    {
        var (tenant, ns, name) = StorageKeys.Parse(resource, key);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var labels = NoLabels;
        if (root.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("labels", out var labelObject) && labelObject.ValueKind == JsonValueKind.Object)
        {
            var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in labelObject.EnumerateObject())
            {
                dictionary[Intern(label.Name)] = Intern(label.Value.GetString() ?? string.Empty);
            }

            labels = dictionary;
        }

        var fields = new string?[_fieldPaths.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = ReadPath(root, _fieldPaths[i]);
        }

        return new CachedObject
        {
            Key = key,
            Json = json,
            Revision = revision,
            Tenant = tenant is null ? null : Intern(tenant),
            Namespace = ns is null ? null : Intern(ns),
            Name = name,
            Labels = labels,
            Fields = fields,
        };
    }

    private string? ReadPath(JsonElement root, string[] path)
    {
        var element = root;
        foreach (var segment in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => Intern(element.GetString()!),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.Object when path.Length == 1 && path[0] == "source" => element.TryGetProperty("component", out var c) ? c.GetString() : null,
            _ => null,
        };
    }

    // Bounded so a flood of unique values cannot grow the pool without limit.
    private string Intern(string value) => _strings.Count < 100_000 ? _strings.GetOrAdd(value, value) : value;
}
