using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A runtime service registered on a node.</summary>
public sealed class NodeRuntime
{
    /// <summary>Runtime name.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>container or vm.</summary>
    [JsonPropertyName("workloadType")]
    public string? WorkloadType { get; set; }

    /// <summary>Whether the runtime answers and is ready.</summary>
    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }

    /// <summary>Runtime version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>Whether node readiness follows this runtime.</summary>
    [JsonPropertyName("primary")]
    public bool? Primary { get; set; }
}
