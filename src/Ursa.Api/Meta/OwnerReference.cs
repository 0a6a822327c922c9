using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Meta;

/// <summary>Identifies an owning object.</summary>
public sealed class OwnerReference
{
    /// <summary>API version of the owner.</summary>
    [Required]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Kind of the owner.</summary>
    [Required]
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Name of the owner.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>UID of the owner.</summary>
    [Required]
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>True when the owner is the managing controller.</summary>
    [JsonPropertyName("controller")]
    public bool? Controller { get; set; }

    /// <summary>With foreground deletion, the owner is not removed before this object.</summary>
    [JsonPropertyName("blockOwnerDeletion")]
    public bool? BlockOwnerDeletion { get; set; }
}
