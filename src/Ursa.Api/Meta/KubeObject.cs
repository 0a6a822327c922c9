using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>Base of every top-level API object: type information and metadata.</summary>
public abstract class KubeObject
{
    /// <summary>Versioned schema of this object, e.g. v1 or apps/v1.</summary>
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(-3)]
    public string? ApiVersion { get; set; }

    /// <summary>Kind of this object, e.g. Pod.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-2)]
    public string? Kind { get; set; }

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    [JsonPropertyOrder(-1)]
    public ObjectMeta Metadata { get; set; } = new();
}
