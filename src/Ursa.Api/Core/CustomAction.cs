using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Core;

/// <summary>Body of POST pods/{name}/action.</summary>
public sealed class CustomAction
{
    /// <summary>v1.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>CustomAction.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>reboot, snapshot or restore.</summary>
    [Required]
    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    /// <summary>For reboot.</summary>
    [JsonPropertyName("rebootParams")]
    public RebootParams? RebootParams { get; set; }

    /// <summary>For snapshot.</summary>
    [JsonPropertyName("snapshotParams")]
    public SnapshotParams? SnapshotParams { get; set; }

    /// <summary>For restore.</summary>
    [JsonPropertyName("restoreParams")]
    public RestoreParams? RestoreParams { get; set; }
}
