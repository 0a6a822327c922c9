using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Apps;

/// <summary>Observed state of a replica set.</summary>
public sealed class ReplicaSetStatus
{
    /// <summary>Current pods.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>Pods whose labels match the template.</summary>
    [JsonPropertyName("fullyLabeledReplicas")]
    public int? FullyLabeledReplicas { get; set; }

    /// <summary>Ready pods.</summary>
    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; set; }

    /// <summary>Available pods.</summary>
    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; set; }

    /// <summary>Generation last acted on.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Conditions.</summary>
    [PatchMergeKey("type")]
    [PatchStrategy("merge")]
    [JsonPropertyName("conditions")]
    public List<ReplicaSetCondition>? Conditions { get; set; }
}
