using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>An HTTP header.</summary>
public sealed class HttpHeader
{
    /// <summary>Header name.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Header value.</summary>
    [Required]
    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
