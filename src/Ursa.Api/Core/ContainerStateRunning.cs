using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A running container.</summary>
public sealed class ContainerStateRunning
{
    /// <summary>Start time.</summary>
    [JsonPropertyName("startedAt")]
    public DateTimeOffset? StartedAt { get; set; }
}
