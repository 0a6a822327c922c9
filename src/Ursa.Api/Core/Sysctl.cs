using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A kernel parameter to set.</summary>
public sealed class Sysctl
{
    /// <summary>Parameter name.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Parameter value.</summary>
    [Required]
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
