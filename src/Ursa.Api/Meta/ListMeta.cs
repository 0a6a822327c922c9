using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>Metadata of a list.</summary>
public sealed class ListMeta
{
    /// <summary>Version of the state the list reflects.</summary>
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    /// <summary>Token for the next page.</summary>
    [JsonPropertyName("continue")]
    public string? Continue { get; set; }

    /// <summary>Items after this page, when known.</summary>
    [JsonPropertyName("remainingItemCount")]
    public long? RemainingItemCount { get; set; }

    /// <summary>Deprecated.</summary>
    [JsonPropertyName("selfLink")]
    public string? SelfLink { get; set; }
}
