using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Apps;

/// <summary>A condition of a deployment.</summary>
public sealed class DeploymentCondition
{
    /// <summary>Available, Progressing, ReplicaFailure.</summary>
    [Required]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>True, False, Unknown.</summary>
    [Required]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Last update.</summary>
    [JsonPropertyName("lastUpdateTime")]
    public DateTimeOffset? LastUpdateTime { get; set; }

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
