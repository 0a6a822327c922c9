using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Parameters of a restore.</summary>
public sealed class RestoreParams
{
    /// <summary>Snapshot to restore.</summary>
    [Required]
    [JsonPropertyName("snapshotID")]
    public string? SnapshotID { get; set; }
}
