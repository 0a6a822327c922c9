using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>An environment variable.</summary>
public sealed class EnvVar
{
    /// <summary>Variable name.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Value; $(VAR) references expand.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary>Source of the value.</summary>
    [JsonPropertyName("valueFrom")]
    public EnvVarSource? ValueFrom { get; set; }
}
