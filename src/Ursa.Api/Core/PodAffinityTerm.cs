using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Pods matching labelSelector in namespaces define a topology domain relative to topologyKey.</summary>
public sealed class PodAffinityTerm
{
    /// <summary>Pods to match.</summary>
    [JsonPropertyName("labelSelector")]
    public LabelSelector? LabelSelector { get; set; }

    /// <summary>Namespaces to look in; default the pod's own.</summary>
    [JsonPropertyName("namespaces")]
    public List<string>? Namespaces { get; set; }

    /// <summary>Namespaces to look in, by label.</summary>
    [JsonPropertyName("namespaceSelector")]
    public LabelSelector? NamespaceSelector { get; set; }

    /// <summary>Label keys whose values on the incoming pod are added to labelSelector as <c>key in (value)</c>.</summary>
    [JsonPropertyName("matchLabelKeys")]
    public List<string>? MatchLabelKeys { get; set; }

    /// <summary>Label keys whose values on the incoming pod are added to labelSelector as <c>key notin (value)</c>.</summary>
    [JsonPropertyName("mismatchLabelKeys")]
    public List<string>? MismatchLabelKeys { get; set; }

    /// <summary>Node label defining co-location.</summary>
    [Required]
    [JsonPropertyName("topologyKey")]
    public string? TopologyKey { get; set; }
}
