using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>A label query over a set of objects. Both parts are ANDed; an empty selector matches everything.</summary>
public sealed class LabelSelector
{
    /// <summary>Exact label matches.</summary>
    [JsonPropertyName("matchLabels")]
    public Dictionary<string, string>? MatchLabels { get; set; }

    /// <summary>Set-based requirements.</summary>
    [JsonPropertyName("matchExpressions")]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}
