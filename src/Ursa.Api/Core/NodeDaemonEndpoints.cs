using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Daemon endpoints of a node.</summary>
public sealed class NodeDaemonEndpoints
{
    /// <summary>The node agent's endpoint.</summary>
    [JsonPropertyName("kubeletEndpoint")]
    public DaemonEndpoint? KubeletEndpoint { get; set; }
}
