using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A hosts file entry.</summary>
public sealed class HostAlias
{
    /// <summary>IP address.</summary>
    [JsonPropertyName("ip")]
    public string? Ip { get; set; }

    /// <summary>Host names for the address.</summary>
    [JsonPropertyName("hostnames")]
    public List<string>? Hostnames { get; set; }
}
