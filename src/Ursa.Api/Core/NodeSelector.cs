using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A union of node selector terms.</summary>
public sealed class NodeSelector
{
    /// <summary>Terms; any matching term suffices.</summary>
    [Required]
    [JsonPropertyName("nodeSelectorTerms")]
    public List<NodeSelectorTerm>? NodeSelectorTerms { get; set; }
}
