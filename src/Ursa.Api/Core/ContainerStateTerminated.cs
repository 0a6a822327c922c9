using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>An ended container.</summary>
public sealed class ContainerStateTerminated
{
    /// <summary>Exit code.</summary>
    [JsonPropertyName("exitCode")]
    public int? ExitCode { get; set; }

    /// <summary>Signal that ended it.</summary>
    [JsonPropertyName("signal")]
    public int? Signal { get; set; }

    /// <summary>Completed, Error, OOMKilled, ...</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Detail.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Start time.</summary>
    [JsonPropertyName("startedAt")]
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>End time.</summary>
    [JsonPropertyName("finishedAt")]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Runtime container id.</summary>
    [JsonPropertyName("containerID")]
    public string? ContainerID { get; set; }
}
