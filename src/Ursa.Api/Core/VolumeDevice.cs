using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Exposes a block volume as a device.</summary>
public sealed class VolumeDevice
{
    /// <summary>Volume name.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Device path in the container or guest.</summary>
    [Required]
    [JsonPropertyName("devicePath")]
    public string? DevicePath { get; set; }
}
