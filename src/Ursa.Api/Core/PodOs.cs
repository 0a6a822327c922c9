using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Operating system of a pod.</summary>
public sealed class PodOs
{
    /// <summary>linux or windows.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
