using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Selects a key of a config map or secret.</summary>
public sealed class KeySelector
{
    /// <summary>Name of the object.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Key.</summary>
    [Required]
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>Whether the object or key may be missing.</summary>
    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }
}
