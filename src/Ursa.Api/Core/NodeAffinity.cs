using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Node affinity rules.</summary>
public sealed class NodeAffinity
{
    /// <summary>Hard requirement at scheduling time.</summary>
    [JsonPropertyName("requiredDuringSchedulingIgnoredDuringExecution")]
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Soft preferences with weights.</summary>
    [JsonPropertyName("preferredDuringSchedulingIgnoredDuringExecution")]
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}
