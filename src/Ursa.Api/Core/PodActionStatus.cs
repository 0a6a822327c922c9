using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Results of a pod action.</summary>
public sealed class PodActionStatus
{
    /// <summary>Id of the snapshot taken.</summary>
    [JsonPropertyName("snapshotID")]
    public string? SnapshotID { get; set; }

    /// <summary>When the agent started the action.</summary>
    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>When it finished.</summary>
    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; set; }
}
