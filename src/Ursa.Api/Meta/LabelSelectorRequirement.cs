using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Meta;

/// <summary>One set-based label requirement.</summary>
public sealed class LabelSelectorRequirement
{
    /// <summary>Label key.</summary>
    [Required]
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    [Required]
    [JsonPropertyName("operator")]
    public string? Operator { get; set; }

    /// <summary>Values for In and NotIn.</summary>
    [JsonPropertyName("values")]
    public List<string>? Values { get; set; }
}
