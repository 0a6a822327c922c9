using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A path on the node.</summary>
public sealed class HostPathVolumeSource
{
    /// <summary>Path.</summary>
    [Required]
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>Expected type of the path.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
