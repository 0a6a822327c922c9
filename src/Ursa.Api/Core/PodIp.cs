using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A pod IP.</summary>
public sealed class PodIp
{
    /// <summary>Address.</summary>
    [JsonPropertyName("ip")]
    public string? Ip { get; set; }
}
