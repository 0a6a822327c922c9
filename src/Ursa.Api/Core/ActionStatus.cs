using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Outcome of an action.</summary>
public sealed class ActionStatus
{
    /// <summary>True when the action has finished, successfully or not.</summary>
    [JsonPropertyName("complete")]
    public bool? Complete { get; set; }

    /// <summary>Why the action failed; empty on success.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>Per-operation results.</summary>
    [JsonPropertyName("podActionStatus")]
    public PodActionStatus? PodActionStatus { get; set; }
}
