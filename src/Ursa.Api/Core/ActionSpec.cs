using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>What an action does.</summary>
public sealed class ActionSpec
{
    /// <summary>Node whose agent performs the action.</summary>
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }

    /// <summary>The pod operation.</summary>
    [JsonPropertyName("podAction")]
    public PodAction? PodAction { get; set; }
}
