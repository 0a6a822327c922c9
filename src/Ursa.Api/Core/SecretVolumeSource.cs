using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A secret projected as files.</summary>
public sealed class SecretVolumeSource
{
    /// <summary>Secret name.</summary>
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    /// <summary>File mode.</summary>
    [JsonPropertyName("defaultMode")]
    public int? DefaultMode { get; set; }

    /// <summary>Whether it may be missing.</summary>
    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
