using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A resolver option.</summary>
public sealed class PodDnsConfigOption
{
    /// <summary>Option name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Option value.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
