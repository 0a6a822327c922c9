using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A condition of a node.</summary>
public sealed class NodeCondition
{
    /// <summary>Condition type.</summary>
    [Required]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>True, False or Unknown.</summary>
    [Required]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Last report.</summary>
    [JsonPropertyName("lastHeartbeatTime")]
    public DateTimeOffset? LastHeartbeatTime { get; set; }

    /// <summary>Last change of status.</summary>
    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>CamelCase reason.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Detail.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
