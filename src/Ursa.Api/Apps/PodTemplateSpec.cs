using System.Text.Json.Serialization;

namespace Ursa.Api.Apps;

/// <summary>A pod template.</summary>
public sealed class PodTemplateSpec
{
    /// <summary>Metadata of created pods.</summary>
    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    /// <summary>Spec of created pods.</summary>
    [JsonPropertyName("spec")]
    public PodSpec? Spec { get; set; }
}
