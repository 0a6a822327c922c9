using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>DNS parameters of a pod.</summary>
public sealed class PodDnsConfig
{
    /// <summary>DNS server addresses.</summary>
    [JsonPropertyName("nameservers")]
    public List<string>? Nameservers { get; set; }

    /// <summary>Search domains.</summary>
    [JsonPropertyName("searches")]
    public List<string>? Searches { get; set; }

    /// <summary>Resolver options.</summary>
    [JsonPropertyName("options")]
    public List<PodDnsConfigOption>? Options { get; set; }
}
