using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>A reference to a claim.</summary>
public sealed class PersistentVolumeClaimVolumeSource
{
    /// <summary>Claim name.</summary>
    [Required]
    [JsonPropertyName("claimName")]
    public string? ClaimName { get; set; }

    /// <summary>Mount read-only.</summary>
    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; set; }
}
