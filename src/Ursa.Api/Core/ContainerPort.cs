using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A network port of a container.</summary>
public sealed class ContainerPort
{
    /// <summary>Name of the port (IANA_SVC_NAME).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Port on the host.</summary>
    [JsonPropertyName("hostPort")]
    public int? HostPort { get; set; }

    /// <summary>Port in the container.</summary>
    [Required]
    [JsonPropertyName("containerPort")]
    public int? Number { get; set; }

    /// <summary>TCP, UDP or SCTP. Default TCP.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; set; }

    /// <summary>Host IP to bind.</summary>
    [JsonPropertyName("hostIP")]
    public string? HostIP { get; set; }
}
