using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.Api.Serialization;

namespace Ursa.Controllers.Deployments;

/// <summary>
/// Pod template identity for Deployments: the <c>pod-template-hash</c> that names a ReplicaSet, and template
/// equality that ignores that label (what decides which ReplicaSet is "new"). Pure.
/// </summary>
public static class PodTemplates
{
    /// <summary>The label a Deployment adds to its ReplicaSets, their selectors and their pods.</summary>
    public const string HashLabel = "pod-template-hash";

    // Kubernetes' rand.SafeEncodeString alphabet: no vowels (no words) and no look-alike characters.
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// FNV-32a over the template's canonical JSON (keys sorted, hash label removed) and the collision count,
    /// spelled like Kubernetes' hashes (e.g. <c>5d4f8c7b9</c>). Canonical JSON rather than field order keeps the
    /// hash stable however a client ordered its labels.
    /// </summary>
    public static string Hash(PodTemplateSpec? template, int? collisionCount)
    {
        var text = Canonical(template);
        if (collisionCount is { } collisions)
        {
            text += collisions.ToString(CultureInfo.InvariantCulture);
        }

        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            encoded.Append(SafeAlphabet[c % SafeAlphabet.Length]);
        }

        return encoded.ToString();
    }

    /// <summary>Equal templates, ignoring the <c>pod-template-hash</c> label (Kubernetes' EqualIgnoreHash).</summary>
    public static bool EqualIgnoreHash(PodTemplateSpec? a, PodTemplateSpec? b) => Canonical(a) == Canonical(b);

    /// <summary>A deep copy of the template (via JSON, so nothing is shared with the cached object).</summary>
    public static PodTemplateSpec Clone(PodTemplateSpec? template) =>
        template is null
            ? new PodTemplateSpec()
            : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(template, UrsaJsonContext.Default.PodTemplateSpec), UrsaJsonContext.Default.PodTemplateSpec)!;

    private static string Canonical(PodTemplateSpec? template)
    {
        var node = template is null ? new JsonObject() : JsonSerializer.SerializeToNode(template, UrsaJsonContext.Default.PodTemplateSpec)!;
        if (node["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(HashLabel);
        }

        return Sorted(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(kv => kv.Value is not null)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
