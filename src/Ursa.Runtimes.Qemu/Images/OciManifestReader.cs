using System.Text.Json;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Pure: manifest JSON → <see cref="OciManifest"/>, and the platform choice from an index.</summary>
internal static class OciManifestReader
{
    /// <summary>Parses a manifest or index; the media type comes from the document, else the Content-Type header.</summary>
    /// <exception cref="FormatException">Not a manifest or index this reader understands.</exception>
    public static OciManifest Parse(ReadOnlySpan<byte> json, string? contentType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException error)
        {
            throw new FormatException("manifest is not valid JSON: " + error.Message, error);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("manifest is not a JSON object");
            }

            string? mediaType = root.TryGetProperty("mediaType", out JsonElement declared) && declared.ValueKind == JsonValueKind.String
                ? declared.GetString()
                : contentType?.Split(';')[0].Trim();
            // An OCI document may omit mediaType; its shape then says which it is.
            mediaType ??= root.TryGetProperty("manifests", out _) ? OciMediaTypes.OciIndex : OciMediaTypes.OciManifest;
            if (OciMediaTypes.IsIndex(mediaType))
            {
                return new OciManifest(mediaType, Descriptors(root, "manifests"), []);
            }

            return OciMediaTypes.IsManifest(mediaType)
                ? new OciManifest(mediaType, [], Descriptors(root, "layers"))
                : throw new FormatException($"media type '{mediaType}' is not an image manifest or index");
        }
    }

    /// <summary>The index entry for <paramref name="os"/>/<paramref name="architecture"/>; an index whose only
    /// entry has no platform is taken as is.</summary>
    /// <exception cref="FormatException">No entry matches; the message lists what the index offers.</exception>
    public static OciDescriptor SelectPlatform(OciManifest index, string os, string architecture)
    {
        ArgumentNullException.ThrowIfNull(index);
        OciDescriptor? match = index.Manifests.FirstOrDefault(m =>
            OciMediaTypes.IsManifest(m.MediaType) && m.Os == os && m.Architecture == architecture);
        if (match is not null)
        {
            return match;
        }

        if (index.Manifests is [{ Os: null, Architecture: null } only] && OciMediaTypes.IsManifest(only.MediaType))
        {
            return only;
        }

        string offered = string.Join(", ", index.Manifests.Select(m => $"{m.Os ?? "?"}/{m.Architecture ?? "?"}"));
        throw new FormatException($"the index has no {os}/{architecture} manifest (it has: {(offered.Length == 0 ? "none" : offered)})");
    }

    private static List<OciDescriptor> Descriptors(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"manifest has no '{property}' array");
        }

        var descriptors = new List<OciDescriptor>();
        foreach (JsonElement item in array.EnumerateArray())
        {
            string mediaType = String(item, "mediaType") ?? throw new FormatException($"a '{property}' entry has no mediaType");
            string digest = String(item, "digest") ?? throw new FormatException($"a '{property}' entry has no digest");
            if (!Sha256Digest.IsValid(digest))
            {
                throw new FormatException($"digest '{digest}' is not sha256:<64 lowercase hex digits>");
            }

            long size = item.TryGetProperty("size", out JsonElement s) && s.TryGetInt64(out long n) && n >= 0
                ? n
                : throw new FormatException($"'{property}' entry {digest} has no valid size");
            string? os = null, architecture = null;
            if (item.TryGetProperty("platform", out JsonElement platform) && platform.ValueKind == JsonValueKind.Object)
            {
                os = String(platform, "os");
                architecture = String(platform, "architecture");
            }

            descriptors.Add(new OciDescriptor(mediaType, digest, size, os, architecture));
        }

        return descriptors;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
