using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Container lifecycle hooks.</summary>
public sealed class Lifecycle
{
    /// <summary>Runs right after the container starts.</summary>
    [JsonPropertyName("postStart")]
    public LifecycleHandler? PostStart { get; set; }

    /// <summary>Runs before the container is stopped.</summary>
    [JsonPropertyName("preStop")]
    public LifecycleHandler? PreStop { get; set; }
}
