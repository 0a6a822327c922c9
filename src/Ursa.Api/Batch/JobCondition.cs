using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Batch;

/// <summary>A condition of a job.</summary>
public sealed class JobCondition
{
    /// <summary>Complete, Failed, Suspended.</summary>
    [Required]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>True, False, Unknown.</summary>
    [Required]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Last probe.</summary>
    [JsonPropertyName("lastProbeTime")]
    public DateTimeOffset? LastProbeTime { get; set; }

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
