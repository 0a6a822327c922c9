using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Who reported an event.</summary>
public sealed class EventSource
{
    /// <summary>Component.</summary>
    [JsonPropertyName("component")]
    public string? Component { get; set; }

    /// <summary>Node.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; set; }
}
