using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Apps;

/// <summary>Desired state of a replica set.</summary>
public sealed class ReplicaSetSpec
{
    /// <summary>Desired pods. Default 1.</summary>
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>Seconds a pod must be ready to count as available.</summary>
    [JsonPropertyName("minReadySeconds")]
    public int? MinReadySeconds { get; set; }

    /// <summary>Pods the set owns.</summary>
    [Required]
    [JsonPropertyName("selector")]
    public LabelSelector? Selector { get; set; }

    /// <summary>Template of new pods.</summary>
    [JsonPropertyName("template")]
    public PodTemplateSpec? Template { get; set; }
}
