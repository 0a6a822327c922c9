using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>An HTTP GET request.</summary>
public sealed class HttpGetAction
{
    /// <summary>Path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>Port number or name.</summary>
    [Required]
    [JsonPropertyName("port")]
    public IntOrString? Port { get; set; }

    /// <summary>Host; default the pod IP.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; set; }

    /// <summary>HTTP or HTTPS.</summary>
    [JsonPropertyName("scheme")]
    public string? Scheme { get; set; }

    /// <summary>Extra headers.</summary>
    [JsonPropertyName("httpHeaders")]
    public List<HttpHeader>? HttpHeaders { get; set; }
}
