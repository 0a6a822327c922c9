using System.Text.Json.Serialization;

namespace Ursa.Api.Batch;

/// <summary>Observed state of a job.</summary>
public sealed class JobStatus
{
    /// <summary>Complete, Failed, Suspended.</summary>
    [JsonPropertyName("conditions")]
    public List<JobCondition>? Conditions { get; set; }

    /// <summary>Start time.</summary>
    [JsonPropertyName("startTime")]
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Completion time.</summary>
    [JsonPropertyName("completionTime")]
    public DateTimeOffset? CompletionTime { get; set; }

    /// <summary>Running pods.</summary>
    [JsonPropertyName("active")]
    public int? Active { get; set; }

    /// <summary>Succeeded pods.</summary>
    [JsonPropertyName("succeeded")]
    public int? Succeeded { get; set; }

    /// <summary>Failed pods.</summary>
    [JsonPropertyName("failed")]
    public int? Failed { get; set; }

    /// <summary>Ready pods.</summary>
    [JsonPropertyName("ready")]
    public int? Ready { get; set; }
}
