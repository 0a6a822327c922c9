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

    /// <summary>Honor (default): only nodes matching the pod's nodeSelector/affinity count; Ignore: all nodes.</summary>
    [JsonPropertyName("nodeAffinityPolicy")]
    public string? NodeAffinityPolicy { get; set; }

    /// <summary>Ignore (default): tainted nodes count; Honor: only nodes whose taints the pod tolerates.</summary>
    [JsonPropertyName("nodeTaintsPolicy")]
    public string? NodeTaintsPolicy { get; set; }

    /// <summary>Label keys whose values on the incoming pod are added to labelSelector.</summary>
    [JsonPropertyName("matchLabelKeys")]
    public List<string>? MatchLabelKeys { get; set; }
}
