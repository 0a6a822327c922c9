using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Linux capabilities.</summary>
public sealed class Capabilities
{
    /// <summary>Added capabilities.</summary>
    [JsonPropertyName("add")]
    public List<string>? Add { get; set; }

    /// <summary>Dropped capabilities.</summary>
    [JsonPropertyName("drop")]
    public List<string>? Drop { get; set; }
}
