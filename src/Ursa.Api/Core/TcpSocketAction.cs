using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A TCP connection attempt.</summary>
public sealed class TcpSocketAction
{
    /// <summary>Port number or name.</summary>
    [Required]
    [JsonPropertyName("port")]
    public IntOrString? Port { get; set; }

    /// <summary>Host; default the pod IP.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; set; }
}
