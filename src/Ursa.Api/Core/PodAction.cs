using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>An operation on one pod.</summary>
public sealed class PodAction
{
    /// <summary>Pod name.</summary>
    [Required]
    [JsonPropertyName("podName")]
    public string? PodName { get; set; }

    /// <summary>Pod UID.</summary>
    [JsonPropertyName("podID")]
    public string? PodID { get; set; }

    /// <summary>Reboot the VM.</summary>
    [JsonPropertyName("rebootAction")]
    public RebootParams? RebootAction { get; set; }

    /// <summary>Snapshot the VM.</summary>
    [JsonPropertyName("snapshotAction")]
    public SnapshotParams? SnapshotAction { get; set; }

    /// <summary>Restore the VM to a snapshot.</summary>
    [JsonPropertyName("restoreAction")]
    public RestoreParams? RestoreAction { get; set; }
}
