using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>How to spread matching pods across a topology.</summary>
public sealed class TopologySpreadConstraint
{
    /// <summary>Largest allowed difference of matching pods between domains.</summary>
    [Required]
    [JsonPropertyName("maxSkew")]
    public int? MaxSkew { get; set; }

    /// <summary>Node label that defines the domains.</summary>
    [Required]
    [JsonPropertyName("topologyKey")]
    public string? TopologyKey { get; set; }

    /// <summary>DoNotSchedule or ScheduleAnyway.</summary>
    [Required]
    [JsonPropertyName("whenUnsatisfiable")]
    public string? WhenUnsatisfiable { get; set; }

    /// <summary>Pods counted for the spread.</summary>
    [JsonPropertyName("labelSelector")]
    public LabelSelector? LabelSelector { get; set; }

    /// <summary>Minimum number of eligible domains.</summary>
    [JsonPropertyName("minDomains")]
    public int? MinDomains { get; set; }
}
