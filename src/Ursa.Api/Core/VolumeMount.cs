using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Mounts a volume into a container.</summary>
public sealed class VolumeMount
{
    /// <summary>Volume name.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Path in the container.</summary>
    [Required]
    [JsonPropertyName("mountPath")]
    public string? MountPath { get; set; }

    /// <summary>Sub-path of the volume.</summary>
    [JsonPropertyName("subPath")]
    public string? SubPath { get; set; }

    /// <summary>Mount read-only.</summary>
    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }

    /// <summary>None, HostToContainer or Bidirectional.</summary>
    [JsonPropertyName("mountPropagation")]
    public string? MountPropagation { get; set; }
}
