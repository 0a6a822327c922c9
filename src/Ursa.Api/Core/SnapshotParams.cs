using System.Text.Json.Serialization;

namespace Ursa.Api.Core;

/// <summary>Parameters of a snapshot.</summary>
public sealed class SnapshotParams
{
    /// <summary>Name of the snapshot.</summary>
    [JsonPropertyName("snapshotName")]
    public string? SnapshotName { get; set; }
}
