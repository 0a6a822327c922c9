using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A waiting container.</summary>
public sealed class ContainerStateWaiting
{
    /// <summary>Why it waits, e.g. ContainerCreating, ErrImagePull, CrashLoopBackOff.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Detail.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
