using System.Text.Json.Serialization;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>Source-generated JSON for the index file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageIndexDocument))]
internal sealed partial class ImageIndexJsonContext : JsonSerializerContext;
