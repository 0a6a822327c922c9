using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Scheduling constraints.</summary>
public sealed class Affinity
{
    /// <summary>Constraints on the node's labels.</summary>
    [JsonPropertyName("nodeAffinity")]
    public NodeAffinity? NodeAffinity { get; set; }

    /// <summary>Place the pod near pods matching a selector.</summary>
    [JsonPropertyName("podAffinity")]
    public PodAffinity? PodAffinity { get; set; }

    /// <summary>Keep the pod away from pods matching a selector.</summary>
    [JsonPropertyName("podAntiAffinity")]
    public PodAffinity? PodAntiAffinity { get; set; }
}
