using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A taint on a node.</summary>
public sealed class Taint
{
    /// <summary>Taint key.</summary>
    [Required]
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>Taint value.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    [Required]
    [JsonPropertyName("effect")]
    public string? Effect { get; set; }

    /// <summary>When a NoExecute taint was added.</summary>
    [JsonPropertyName("timeAdded")]
    public DateTimeOffset? TimeAdded { get; set; }
}
