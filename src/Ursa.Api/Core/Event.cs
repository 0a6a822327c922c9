using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A report of something that happened to an object.</summary>
public sealed class Event : KubeObject
{
    /// <summary>The object the event is about.</summary>
    [Required]
    [JsonPropertyName("involvedObject")]
    public ObjectReference? InvolvedObject { get; set; }

    /// <summary>CamelCase reason, e.g. Scheduled, Pulled, Started.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Description.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Component that reported it.</summary>
    [JsonPropertyName("source")]
    public EventSource? Source { get; set; }

    /// <summary>First occurrence.</summary>
    [JsonPropertyName("firstTimestamp")]
    public DateTimeOffset? FirstTimestamp { get; set; }

    /// <summary>Latest occurrence.</summary>
    [JsonPropertyName("lastTimestamp")]
    public DateTimeOffset? LastTimestamp { get; set; }

    /// <summary>Occurrences.</summary>
    [JsonPropertyName("count")]
    public int? Count { get; set; }

    /// <summary>Normal or Warning.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Time of the first occurrence, with microseconds.</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    [JsonPropertyName("eventTime")]
    public DateTimeOffset? EventTime { get; set; }

    /// <summary>What was done.</summary>
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary>A second object involved.</summary>
    [JsonPropertyName("related")]
    public ObjectReference? Related { get; set; }

    /// <summary>Reporting controller.</summary>
    [JsonPropertyName("reportingComponent")]
    public string? ReportingComponent { get; set; }

    /// <summary>Reporting instance.</summary>
    [JsonPropertyName("reportingInstance")]
    public string? ReportingInstance { get; set; }

    /// <summary>Data about a series of events.</summary>
    [JsonPropertyName("series")]
    public EventSeries? Series { get; set; }
}
