using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Storage;

namespace Ursa.ApiServer.Caching;

/// <summary>Extracts labels and selectable field values from stored JSON (pure apart from string interning).</summary>
public sealed class ObjectAttributes(ResourceDefinition resource)
{
    private const int MaxPooled = 100_000;
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
    /// <summary>Field values that are one object's own (an IP, the involved object's name and uid): never interned.</summary>
    private static readonly HashSet<string> UniqueFields = new(StringComparer.Ordinal)
    {
        "status.podIP", "involvedObject.name", "involvedObject.uid", "involvedObject.resourceVersion", "spec.podAction.podName",
    };

    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    // UTF-8 names: JsonElement.TryGetProperty(string) transcodes the name on every call (~half of ReadPath's time).
    private readonly byte[][][] _fieldPaths = resource.SelectableFields.Select(f => f.Split('.').Select(Encoding.UTF8.GetBytes).ToArray()).ToArray();
    private readonly bool[] _isSource = resource.SelectableFields.Select(f => f == "source").ToArray();
    private readonly bool[] _internField = resource.SelectableFields.Select(f => !UniqueFields.Contains(f)).ToArray();
    private int _pooled;

    public CachedObject ToCached(string key, byte[] json, long revision)
    {
        var (tenant, ns, name) = StorageKeys.Parse(resource, key);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var labels = NoLabels;
        if (root.TryGetProperty("metadata"u8, out var meta) && meta.TryGetProperty("labels"u8, out var labelObject) && labelObject.ValueKind == JsonValueKind.Object)
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
            fields[i] = ReadPath(root, _fieldPaths[i], _internField[i], _isSource[i]);
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

    private string? ReadPath(JsonElement root, byte[][] path, bool intern, bool isSource)
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
            JsonValueKind.String => intern ? Intern(element.GetString()!) : element.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.Object when isSource => element.TryGetProperty("component"u8, out var c) ? c.GetString() : null,
            _ => null,
        };
    }

    /// <summary>
    /// The pooled copy of <paramref name="value"/>. Bounded so a flood of unique values cannot grow the pool without
    /// limit; the bound is a counter of successful adds, not <c>ConcurrentDictionary.Count</c>, which takes every
    /// bucket lock (with 100,000 pooled strings that was ~13% of the server's CPU in bench scheduler). Once full,
    /// values already pooled are still shared.
    /// </summary>
    private string Intern(string value)
    {
        if (_strings.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        if (Volatile.Read(ref _pooled) >= MaxPooled)
        {
            return value;
        }

        if (!_strings.TryAdd(value, value))
        {
            return _strings.GetValueOrDefault(value, value); // added by another thread meanwhile
        }

        Interlocked.Increment(ref _pooled);
        return value;
    }
}
