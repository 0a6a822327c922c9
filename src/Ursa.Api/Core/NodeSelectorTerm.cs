using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Requirements that must all hold.</summary>
public sealed class NodeSelectorTerm
{
    /// <summary>Requirements on node labels.</summary>
    [JsonPropertyName("matchExpressions")]
    public List<NodeSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>Requirements on node fields (metadata.name).</summary>
    [JsonPropertyName("matchFields")]
    public List<NodeSelectorRequirement>? MatchFields { get; set; }
}
