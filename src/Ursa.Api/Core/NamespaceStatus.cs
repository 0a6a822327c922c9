using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Observed state of a namespace.</summary>
public sealed class NamespaceStatus
{
    /// <summary>Active or Terminating.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }
}
