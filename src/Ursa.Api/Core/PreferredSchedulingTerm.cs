using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A weighted node preference.</summary>
public sealed class PreferredSchedulingTerm
{
    /// <summary>Weight 1-100.</summary>
    [Required]
    [JsonPropertyName("weight")]
    public int? Weight { get; set; }

    /// <summary>The preferred term.</summary>
    [Required]
    [JsonPropertyName("preference")]
    public NodeSelectorTerm? Preference { get; set; }
}
