using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>Delete preconditions.</summary>
public sealed class Preconditions
{
    /// <summary>Expected UID.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>Expected resource version.</summary>
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }
}
