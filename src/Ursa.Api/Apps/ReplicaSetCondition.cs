using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Apps;

/// <summary>A condition of a replica set.</summary>
public sealed class ReplicaSetCondition
{
    /// <summary>Condition type.</summary>
    [Required]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>True, False, Unknown.</summary>
    [Required]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Last change.</summary>
    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Reason.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Detail.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
