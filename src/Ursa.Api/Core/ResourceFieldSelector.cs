using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Selects a container resource.</summary>
public sealed class ResourceFieldSelector
{
    /// <summary>Container name.</summary>
    [JsonPropertyName("containerName")]
    public string? ContainerName { get; set; }

    /// <summary>Resource, e.g. limits.cpu.</summary>
    [Required]
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    /// <summary>Output unit.</summary>
    [JsonPropertyName("divisor")]
    public string? Divisor { get; set; }
}
