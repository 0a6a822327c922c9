using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A condition of a pod.</summary>
public sealed class PodCondition
{
    /// <summary>PodScheduled, Initialized, ContainersReady, Ready, VirtualMachineReady, ...</summary>
    [Required]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>True, False or Unknown.</summary>
    [Required]
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Last probe.</summary>
    [JsonPropertyName("lastProbeTime")]
    public DateTimeOffset? LastProbeTime { get; set; }

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
