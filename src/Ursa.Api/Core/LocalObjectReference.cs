using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Reference to an object in the same namespace.</summary>
public sealed class LocalObjectReference
{
    /// <summary>Name of the referent.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
