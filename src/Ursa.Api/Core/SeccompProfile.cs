using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Seccomp profile selection.</summary>
public sealed class SeccompProfile
{
    /// <summary>RuntimeDefault, Unconfined or Localhost.</summary>
    [Required]
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Path of a profile on the node, for Localhost.</summary>
    [JsonPropertyName("localhostProfile")]
    public string? LocalhostProfile { get; set; }
}
