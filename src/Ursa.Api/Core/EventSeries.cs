using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>A series of repeated events.</summary>
public sealed class EventSeries
{
    /// <summary>Occurrences.</summary>
    [JsonPropertyName("count")]
    public int? Count { get; set; }

    /// <summary>Last occurrence.</summary>
    [JsonConverter(typeof(MicroTimeConverter))]
    [JsonPropertyName("lastObservedTime")]
    public DateTimeOffset? LastObservedTime { get; set; }
}
