using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A set of variables from a config map or secret.</summary>
public sealed class EnvFromSource
{
    /// <summary>Prefix added to each name.</summary>
    [JsonPropertyName("prefix")]
    public string? Prefix { get; set; }

    /// <summary>Config map.</summary>
    [JsonPropertyName("configMapRef")]
    public LocalObjectReference? ConfigMapRef { get; set; }

    /// <summary>Secret.</summary>
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; set; }
}
