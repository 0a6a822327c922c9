using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Apps;

/// <summary>Observed state of a deployment.</summary>
public sealed class DeploymentStatus
{
    /// <summary>Generation last acted on.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Pods targeted.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>Pods with the newest template.</summary>
    [JsonPropertyName("updatedReplicas")]
    public int? UpdatedReplicas { get; set; }

    /// <summary>Ready pods.</summary>
    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }

    /// <summary>Available pods.</summary>
    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; set; }

    /// <summary>Unavailable pods.</summary>
    [JsonPropertyName("unavailableReplicas")]
    public int? UnavailableReplicas { get; set; }

    /// <summary>Conditions.</summary>
    [PatchMergeKey("type")]
    [PatchStrategy("merge")]
    [JsonPropertyName("conditions")]
    public List<DeploymentCondition>? Conditions { get; set; }

    /// <summary>Hash collisions.</summary>
    [JsonPropertyName("collisionCount")]
    public int? CollisionCount { get; set; }
}
