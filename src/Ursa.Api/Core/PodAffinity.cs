using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Inter-pod (anti-)affinity rules.</summary>
public sealed class PodAffinity
{
    /// <summary>Hard rules.</summary>
    [JsonPropertyName("requiredDuringSchedulingIgnoredDuringExecution")]
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Soft rules with weights.</summary>
    [JsonPropertyName("preferredDuringSchedulingIgnoredDuringExecution")]
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}
