using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A hook action.</summary>
public sealed class LifecycleHandler
{
    /// <summary>Run a command.</summary>
    [JsonPropertyName("exec")]
    public ExecAction? Exec { get; set; }

    /// <summary>HTTP GET.</summary>
    [JsonPropertyName("httpGet")]
    public HttpGetAction? HttpGet { get; set; }

    /// <summary>TCP connect.</summary>
    [JsonPropertyName("tcpSocket")]
    public TcpSocketAction? TcpSocket { get; set; }
}
