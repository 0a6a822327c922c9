using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A node IP.</summary>
public sealed class HostIp
{
    /// <summary>Address.</summary>
    [JsonPropertyName("ip")]
    public string? Ip { get; set; }
}
