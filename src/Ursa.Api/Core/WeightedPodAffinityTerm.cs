using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A weighted pod affinity term.</summary>
public sealed class WeightedPodAffinityTerm
{
    /// <summary>Weight 1-100.</summary>
    [Required]
    [JsonPropertyName("weight")]
    public int? Weight { get; set; }

    /// <summary>The term.</summary>
    [Required]
    [JsonPropertyName("podAffinityTerm")]
    public PodAffinityTerm? PodAffinityTerm { get; set; }
}
