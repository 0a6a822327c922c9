using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A config map projected as files.</summary>
public sealed class ConfigMapVolumeSource
{
    /// <summary>Config map name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>File mode.</summary>
    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; set; }

    /// <summary>Whether it may be missing.</summary>
    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
