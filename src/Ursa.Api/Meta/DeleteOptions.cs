using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>Options of a delete request.</summary>
public sealed class DeleteOptions
{
    /// <summary>v1.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>DeleteOptions.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Grace period; 0 deletes at once.</summary>
    [JsonPropertyName("gracePeriodSeconds")]
    public long? GracePeriodSeconds { get; set; }

    /// <summary>Must hold for the delete to proceed.</summary>
    [JsonPropertyName("preconditions")]
    public Preconditions? Preconditions { get; set; }

    /// <summary>Orphan, Background or Foreground.</summary>
    [JsonPropertyName("propagationPolicy")]
    public string? PropagationPolicy { get; set; }

    /// <summary>Deprecated; use propagationPolicy.</summary>
    [JsonPropertyName("orphanDependents")]
    public bool? OrphanDependents { get; set; }

    /// <summary>All to validate without persisting.</summary>
    [JsonPropertyName("dryRun")]
    public List<string>? DryRun { get; set; }
}
