using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A daemon's port.</summary>
public sealed class DaemonEndpoint
{
    /// <summary>Port number.</summary>
    [JsonPropertyName("Port")]
    public int? Port { get; set; }
}
