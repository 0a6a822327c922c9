using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>An address of a node.</summary>
public sealed class NodeAddress
{
    /// <summary>Hostname, InternalIP or ExternalIP.</summary>
    [Required]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The address.</summary>
    [Required]
    [JsonPropertyName("address")]
    public string? Address { get; set; }
}
