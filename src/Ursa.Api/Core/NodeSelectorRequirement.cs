using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>One requirement on a node label or field.</summary>
public sealed class NodeSelectorRequirement
{
    /// <summary>Label key or field name.</summary>
    [Required]
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>In, NotIn, Exists, DoesNotExist, Gt or Lt.</summary>
    [Required]
    [JsonPropertyName("operator")]
    public string? Operator { get; set; }

    /// <summary>Values to compare against.</summary>
    [JsonPropertyName("values")]
    public List<string>? Values { get; set; }
}
