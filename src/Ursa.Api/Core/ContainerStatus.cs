using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Status of one container.</summary>
public sealed class ContainerStatus
{
    /// <summary>Container name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Current state.</summary>
    [JsonPropertyName("state")]
    public ContainerState? State { get; set; }

    /// <summary>Previous state, after a restart.</summary>
    [JsonPropertyName("lastState")]
    public ContainerState? LastState { get; set; }

    /// <summary>Whether the readiness probe passes.</summary>
    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }

    /// <summary>Number of restarts.</summary>
    [JsonPropertyName("restartCount")]
    public int? RestartCount { get; set; }

    /// <summary>Image the container runs.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; set; }

    /// <summary>Resolved image id.</summary>
    [JsonPropertyName("imageID")]
    public string? ImageID { get; set; }

    /// <summary>Runtime container id, runtime://id.</summary>
    [JsonPropertyName("containerID")]
    public string? ContainerID { get; set; }

    /// <summary>Whether the startup probe passed.</summary>
    [JsonPropertyName("started")]
    public bool? Started { get; set; }
}
