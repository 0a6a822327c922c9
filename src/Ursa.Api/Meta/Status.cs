using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>The outcome of a request that did not return an object: errors, and some deletes.</summary>
public sealed class Status
{
    /// <summary>v1.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Status.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>List metadata.</summary>
    [JsonPropertyName("metadata")]
    public ListMeta? Metadata { get; set; }

    /// <summary>Success or Failure.</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; set; }

    /// <summary>Description.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Machine-readable reason, e.g. NotFound, AlreadyExists, Conflict, Invalid.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Details of the reason.</summary>
    [JsonPropertyName("details")]
    public StatusDetails? Details { get; set; }

    /// <summary>HTTP status code.</summary>
    [JsonPropertyName("code")]
    public int? Code { get; set; }
}
